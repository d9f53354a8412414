import ArgumentParser
import Foundation
import TandemTUI

/// Prints the UI's keys from the command table (the README's key list is this output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print every key of the terminal UI.", shouldDisplay: false)

    @Flag(help: "As Markdown tables, one per group.") var markdown = false

    func run() {
        if markdown { return Output.line(CommandTable.markdown()) }
        for group in CommandGroup.allCases {
            let commands = CommandTable.all.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            Output.line(group.rawValue)
            for command in commands { Output.line("  \(command.keyLabel.padding(toLength: 18, withPad: " ", startingAt: 0))\(command.help)") }
        }
    }
}

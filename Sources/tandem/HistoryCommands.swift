import ArgumentParser
import Foundation
import TandemCore
import TandemTUI

/// `tandem history [KEY]`: the profile's journal of changes, oldest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show what changed: every edit, pull, resolution and undo, with time and origin.",
        discussion: """
        The profile keeps its newest \(Journal.limit) changes. An older value comes back with \
        `tandem prefs set KEY VALUE` (or `h` in the UI); `tandem undo` takes back the last change made here.
        """)
    @OptionGroup var options: ProfileOptions
    @Argument(help: "Only this preference's changes.") var key: String?
    @Option(help: "At most this many of the newest changes.") var limit = 50
    @Flag(help: "Machine-readable output: a JSON array, oldest first.") var json = false

    func run() async throws {
        try await EngineSession.run(options) { engine in
            let entries = try await engine.history(of: key, limit: max(1, limit))
            if json { return Output.line(Self.json(entries)) }
            guard !entries.isEmpty else {
                return Output.line(key.map { "No changes of '\($0)' are in the history." } ?? "The history is empty.")
            }
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            Output.lines(entries.map { "\(formatter.string(from: $0.date))  \(JournalWords.change($0, arrow: "->"))  (\(JournalWords.origin($0.origin)))" })
        }
    }

    /// Written by hand, byte-exact (see `Output.json(_: Preferences)`).
    static func json(_ entries: [JournalEntry]) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func text(_ value: ExactText?) -> String { value.map { Output.quoted($0.string) } ?? "null" }
        let items = entries.map { entry in
            "  {\"id\": \(entry.id), \"date\": \"\(formatter.string(from: entry.date))\", \"key\": \(text(entry.key)), "
                + "\"old\": \(text(entry.old)), \"new\": \(text(entry.new)), \"origin\": \(Output.quoted(entry.origin.code))}"
        }
        return items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]"
    }
}

/// `tandem undo` / `tandem redo`: the last local change taken back (or the last undo).
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Take back the last change made on this device (again to go further back).",
        discussion: "The old value is saved as a new local edit (a deleted preference comes back); pulls are never undone.")
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options) { engine in
            guard let entry = try await engine.undo() else { throw CLIError("There is no change made on this device to undo.") }
            Output.line(JournalWords.undone(entry, redo: false))
        }
    }
}

struct RedoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo", abstract: "Take back the last undo (until a new edit is made).")
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options) { engine in
            guard let entry = try await engine.redo() else { throw CLIError("There is no undo to redo.") }
            Output.line(JournalWords.undone(entry, redo: true))
        }
    }
}

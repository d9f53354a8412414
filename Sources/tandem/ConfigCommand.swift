import ArgumentParser
import Foundation
import TandemCore
import TandemTUI

/// `tandem config`: the profile's settings, shown and changed one at a time, each saying what it did.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change this profile's settings: its server and auto-sync.",
        subcommands: [Show.self, Server.self, AutoSync.self],
        defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the profile's settings (the default).")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output.") var json = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let snapshot = await engine.snapshot
                if json {
                    var object: [String: Any] = ["profile": options.profileName, "autoSync": snapshot.autoSync]
                    object["server"] = snapshot.server
                    return Output.json(object)
                }
                Output.lines([
                    "Profile:   \(options.profileName)",
                    "Server:    \(snapshot.server ?? "none yet (\(ProfileOptions.defaultServer) is offered at register/login)")",
                    "Auto-sync: \(AutoSync.describe(snapshot.autoSync))",
                ])
            }
        }
    }

    struct Server: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server",
            abstract: "Move this device to another server URL.",
            discussion: """
            A device signed in to another server is signed out first: its account, keys, token and merge base are \
            forgotten, and its preferences stay as local changes that merge with the account's at the next \
            `tandem login` (or `tandem register`) on the new server.
            """)
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The new server URL, e.g. https://tandem.example.com.") var url: String

        func run() async throws {
            try await EngineSession.run(options, access: .configuration) { engine in
                if let problem = ServerURL.problem(url) { throw CLIError(problem) }
                let before = await engine.snapshot
                if let current = before.server, ProfileOptions.sameServer(current, url) {
                    return Output.line("Profile '\(options.profileName)' already uses \(current).")
                }
                let outcome = try await engine.changeServer(url)
                try AccountResult.finish(outcome)
                guard case .serverChanged(let signedOut) = outcome else { return }
                if signedOut {
                    Output.line("Signed out of \(before.email ?? "the account") on \(before.server ?? "the old server"); now using \(url). "
                                + "The preferences here stay as local changes: `tandem login` (or `tandem register`) there merges them.")
                } else {
                    Output.line("Now using \(url).")
                }
            }
        }
    }

    struct AutoSync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "auto-sync",
            abstract: "Turn auto-sync on or off for this profile.",
            discussion: """
            With auto-sync on, a running `tandem` (the UI) or `tandem watch` pushes edits about a second after the \
            last one (also edits made by other tandem commands on this profile), pulls whenever another device \
            writes, and pushes what was edited offline as soon as the server is back. Off, edits wait for \
            `tandem sync` (s in the UI). New profiles start with it on; `tandem demo` turns it off.
            """)
        @OptionGroup var options: ProfileOptions
        @Argument(help: "on or off.") var setting: Setting

        enum Setting: String, ExpressibleByArgument, CaseIterable {
            case on, off
        }

        func run() async throws {
            try await EngineSession.run(options) { engine in
                try await engine.setAutoSync(setting == .on)
                Output.line("Auto-sync: \(Self.describe(setting == .on))")
            }
        }

        static func describe(_ on: Bool) -> String {
            on ? "on (a running `tandem` or `tandem watch` pushes edits about a second after the last one)"
                : "off (edits wait for `tandem sync`)"
        }
    }
}

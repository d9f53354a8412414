import ArgumentParser
import TandemCore

struct Prefs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and edit local preferences (changes are saved at once; `tandem sync` shares them).",
        discussion: """
        A running `tandem` or `tandem watch` on the same profile sees each change within a second and, with auto-sync \
        on (`tandem config`), pushes it. Edits made while conflicts wait are kept and apply on top of the merge.
        """,
        subcommands: [List.self, Get.self, Set.self, Unset.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every preference.")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output: one JSON object of key to value.") var json = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let preferences = await engine.snapshot.preferences
                if json { return Output.json(preferences) }
                Output.lines(preferences.keys.sorted().map { "\($0)=\(preferences[$0]!)" })
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one preference's value.")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                guard let value = await engine.snapshot.preferences[ExactText(key)] else { throw CLIError("No preference '\(key)'.") }
                if json { return Output.json(["key": key, "value": value.string]) }
                Output.line(value.string)
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a preference (saved locally at once).")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String
        @Argument(help: "The new value (may be empty).") var value: String

        func run() async throws {
            try await EngineSession.run(options) { engine in
                try await engine.setPreference(key, to: value)
                Prefs.explainEditDuringMerge(of: key, after: await engine.snapshot)
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a preference (saved locally at once).")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String

        func run() async throws {
            try await EngineSession.run(options) { engine in
                guard await engine.snapshot.preferences[ExactText(key)] != nil else { throw CLIError("No preference '\(key)'.") }
                try await engine.removePreference(key)
                Prefs.explainEditDuringMerge(of: key, after: await engine.snapshot)
            }
        }
    }

    /// While a merge waits the edit is kept and applies on top of its result (on a conflicting key it is that key's
    /// choice); otherwise `prefs set` says nothing, as a script expects.
    static func explainEditDuringMerge(of key: String, after snapshot: SyncSnapshot) {
        guard !snapshot.pendingMerge.isEmpty else { return }
        if let entry = snapshot.pendingMerge.first(where: { $0.key == ExactText(key) }) {
            // Not `.edited` means the value was already this one here: nothing changed, so nothing was decided.
            switch entry.choice {
            case .edited: Output.line("Resolves the conflict on '\(key)' (`tandem conflicts resolve \(key)` still changes it).")
            case nil: Output.line("'\(key)' already had that value here; its conflict still waits for `tandem conflicts resolve \(key)`.")
            case .some: Output.line("'\(key)' already had that value here; the choice made for its conflict stands.")
            }
        } else {
            Output.line("Kept; it applies when the merge completes (`tandem conflicts list` shows what waits).")
        }
    }
}

import ArgumentParser
import TandemCore

struct Prefs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and edit local preferences (changes are saved at once; `tandem sync` shares them).",
        subcommands: [List.self, Get.self, Set.self, Unset.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every preference.")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output: one JSON object of key to value.") var json = false

        func run() async throws {
            try await EngineSession.run(options, printActivity: false) { engine in
                let preferences = await engine.snapshot.preferences
                if json { return JSONOutput.print(preferences) }
                for key in preferences.keys.sorted() { print("\(key)=\(preferences[key]!)") }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one preference's value.")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() async throws {
            try await EngineSession.run(options, printActivity: false) { engine in
                guard let value = await engine.snapshot.preferences[key] else { throw CLIError("No preference '\(key)'.") }
                if json { return JSONOutput.print(["key": key, "value": value]) }
                print(value)
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a preference (saved locally at once).")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String
        @Argument(help: "The new value (may be empty).") var value: String

        func run() async throws {
            try await EngineSession.run(options, printActivity: false) { try await $0.setPreference(key, to: value) }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a preference (saved locally at once).")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The preference key.") var key: String

        func run() async throws {
            try await EngineSession.run(options, printActivity: false) { engine in
                guard await engine.snapshot.preferences[key] != nil else { throw CLIError("No preference '\(key)'.") }
                try await engine.removePreference(key)
            }
        }
    }
}

import ArgumentParser
import TandemCore

struct Conflicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "See and resolve merge conflicts (keys edited differently here and on another device).",
        subcommands: [List.self, Resolve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the conflicting keys with base, local and remote values, and the choice made so far.")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output.") var json = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let snapshot = await engine.snapshot
                if json {
                    return Output.json(snapshot.pendingMerge.map { entry -> [String: Any] in
                        let conflict = entry.conflict
                        var object: [String: Any] = ["key": conflict.key.string, "kind": conflict.kind.rawValue]
                        object["base"] = conflict.base?.string
                        object["local"] = conflict.local?.string
                        object["remote"] = conflict.remote?.string
                        if let choice = entry.choice {
                            let (kind, value) = Self.json(choice)
                            object["choice"] = kind
                            object["chosenValue"] = value?.string
                        }
                        return object
                    })
                }
                if snapshot.pendingMerge.isEmpty { return Output.line("No conflicts.") }
                func show(_ value: ExactText?) -> String { value.map { "\"\($0)\"" } ?? "(deleted)" }
                Output.lines(snapshot.pendingMerge.map { entry in
                    let conflict = entry.conflict
                    return "\(conflict.key): base \(conflict.base.map { "\"\($0)\"" } ?? "(absent)"), local \(show(conflict.local)), "
                        + "remote \(show(conflict.remote)); \(entry.choice.map { "chosen: \(Self.choice($0))" } ?? "undecided")"
                })
            }
        }

        /// A choice for `--json`: local, remote, value or edited, with the value it sets (nil: deleted, or a side's).
        static func json(_ resolution: Resolution) -> (String, ExactText?) {
            switch resolution {
            case .keepLocal: ("local", nil)
            case .takeRemote: ("remote", nil)
            case .use(let value): ("value", value)
            case .edited(let value): ("edited", value)
            }
        }

        /// A choice in the words of the resolve command's flags.
        static func choice(_ resolution: Resolution) -> String {
            switch resolution {
            case .keepLocal: "local"
            case .takeRemote: "remote"
            case .use(let value): "value \"\(value)\""
            case .edited(let value?): "edited to \"\(value)\""
            case .edited(nil): "deleted here"
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choose a side (or a new value) for conflicts; once none remain, the result is pushed.",
            discussion: """
            `tandem prefs set KEY VALUE` (or `prefs unset KEY`) while the merge waits is a choice too: that edit \
            becomes the key's value unless you choose otherwise here. Exit status 3 while keys remain undecided.
            """)
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The conflicting key (not with --all-local/--all-remote).") var key: String?
        @Flag(help: "Keep this device's value.") var local = false
        @Flag(help: "Take the other device's value.") var remote = false
        @Option(help: "Use this value instead of either side.") var value: String?
        @Flag(help: "Keep this device's value for every conflict.") var allLocal = false
        @Flag(help: "Take the other device's value for every conflict.") var allRemote = false

        func validate() throws {
            let choices = [local, remote, value != nil, allLocal, allRemote].filter { $0 }.count
            guard choices == 1 else { throw ValidationError("Choose exactly one of --local, --remote, --value, --all-local, --all-remote.") }
            guard (key == nil) == (allLocal || allRemote) else {
                throw ValidationError(key == nil ? "Name the key to resolve." : "--all-local/--all-remote take no key.")
            }
        }

        func run() async throws {
            try await EngineSession.run(options) { engine in
                if allLocal || allRemote {
                    try await engine.resolveAll(allLocal ? .local : .remote)
                } else if let key {
                    try await engine.resolve(key, with: local ? .keepLocal : remote ? .takeRemote : .use(ExactText(value ?? "")))
                }
                let remaining = await engine.snapshot.conflicts.count
                guard remaining == 0 else {
                    Output.error("\(Describe.conflicts(remaining)) still to resolve (`tandem conflicts list`); the merge is pushed once none remain.")
                    throw ExitCode(3)
                }
                try await SyncRound.run(on: engine) { try await $0.applyResolutions() }
            }
        }
    }
}

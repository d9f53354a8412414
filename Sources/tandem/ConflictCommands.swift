import ArgumentParser
import TandemCore

struct Conflicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "See and resolve merge conflicts (keys edited differently here and on another device).",
        subcommands: [List.self, Resolve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List conflicts with base, local and remote values.")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output.") var json = false

        func run() async throws {
            try await EngineSession.run(options, printActivity: false) { engine in
                let snapshot = await engine.snapshot
                if json {
                    return JSONOutput.print(snapshot.conflicts.map { conflict -> [String: Any] in
                        var object: [String: Any] = ["key": conflict.key, "kind": conflict.kind.rawValue]
                        object["base"] = conflict.base
                        object["local"] = conflict.local
                        object["remote"] = conflict.remote
                        return object
                    })
                }
                if snapshot.conflicts.isEmpty { return print("No conflicts.") }
                func show(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "(deleted)" }
                for conflict in snapshot.conflicts {
                    print("\(conflict.key): base \(conflict.base.map { "\"\($0)\"" } ?? "(absent)"), local \(show(conflict.local)), remote \(show(conflict.remote))")
                }
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choose a side (or a new value) for conflicts; once none remain, the result is pushed.")
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
                    try await engine.resolve(key, with: local ? .keepLocal : remote ? .takeRemote : .use(value ?? ""))
                }
                let remaining = await engine.snapshot.conflicts.count
                if remaining == 0 { try await engine.applyResolutions() }
            }
        }
    }
}

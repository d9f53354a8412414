import ArgumentParser
import Foundation
import TandemCore
import TandemTUI
import TandemTerminal

/// Wires engines to the terminal UI, for `tandem` and `tandem demo` alike: every snapshot becomes an action, every
/// effect an intent, and `startup` runs beside the UI (so the first frame never waits for the network).
struct UISession {
    let engines: [SyncEngine]
    let catalog: ThemeCatalog
    var options = TerminalUI.Options()

    func run(state initial: AppState, startup: @escaping @Sendable (ActionQueue) async -> Void) async -> (AppState, TerminalUI.Outcome) {
        var state = initial
        // The first frame already shows the stored preferences, not an empty list.
        for (index, engine) in engines.enumerated() {
            _ = reduce(&state, .snapshot(await engine.snapshot, device: index))
        }
        let queue = ActionQueue()
        let performer = EffectPerformer(engines: engines, queue: queue)
        var tasks: [Task<Void, Never>] = []
        for (index, engine) in engines.enumerated() {
            tasks.append(Task {
                for await snapshot in await engine.snapshots() { queue.send(.snapshot(snapshot, device: index)) }
            })
        }
        tasks.append(Task { await startup(queue) })
        let result = await TerminalUI.run(state: state, catalog: catalog, queue: queue, options: options, perform: performer.perform)
        for task in tasks { task.cancel() }
        await performer.finish()
        for engine in engines { await engine.stopWatching() }
        return result
    }

    /// The built-in and user themes, with the chosen one checked; problems go to the activity log and status line.
    /// `source` names where the requested name came from when it was not the command line (the settings file).
    static func themes(requested: String?, source: String? = nil, state: inout AppState) -> (ThemeCatalog, [String]) {
        let (catalog, problems) = ThemeCatalog.load(userDirectory: ThemeCatalog.userDirectory(environment: ProcessInfo.processInfo.environment))
        state.themeNames = catalog.names
        var messages = problems.map { "Theme problem: \($0)" }
        // The status line has one row: there the file is named without its directory (the log has the full path).
        let short = problems.map { problem in
            var problem = problem
            problem.file = (problem.file as NSString).lastPathComponent
            return "Theme problem: \(problem)"
        }
        if let requested {
            if let index = catalog.names.firstIndex(of: requested) {
                state.themeIndex = index
            } else {
                let origin = source.map { " in \($0)" } ?? ""
                messages.append("Unknown theme '\(requested)'\(origin) (available: \(catalog.names.joined(separator: ", "))); using default.")
            }
        }
        for message in messages {
            for device in state.devices.indices { state.devices[device].note(message, level: .warning, at: state.now) }
        }
        if let first = short.first ?? messages.first {
            state.show(messages.count == 1 ? first : "\(first) (and \(messages.count - 1) more in the activity log)", .warning)
        }
        return (catalog, messages)
    }

    /// Ends the process the way the UI ended: 128 + signal after SIGINT/SIGTERM, 1 with a sentence on failure.
    static func exit(after outcome: TerminalUI.Outcome, messages: [String]) throws {
        for message in messages { FileHandle.standardError.write(Data("tandem: \(message)\n".utf8)) }
        switch outcome {
        case .quit: return
        case .interrupted(let signal): throw ExitCode(128 + signal)
        case .failed(let reason): Output.fail(reason.prefix(1).uppercased() + reason.dropFirst() + ".")
        }
    }
}

import Foundation
import TandemTUI

/// Runs the terminal UI: a dedicated thread owns curses and the screen; the caller performs effects (engine
/// intents) and feeds results back through the queue.
public enum TerminalUI {
    public struct Options: Sendable {
        /// Quit right after painting the first frame (start-up benchmark).
        public var exitAfterFirstFrame = false
        /// Paint into /dev/null as this terminal type instead of the real terminal (benchmarks).
        public var discardOutputAs: String?
        public init() {}
    }

    /// How the UI ended.
    public enum Outcome: Sendable, Equatable {
        case quit
        /// SIGINT, SIGTERM or SIGHUP; exit with 128 + signal.
        case interrupted(signal: Int32)
        /// The terminal could not be started; the sentence says why.
        case failed(String)
    }

    /// Runs until the user quits or a signal arrives; the terminal is restored before this returns.
    public static func run(state: AppState, catalog: ThemeCatalog, queue: ActionQueue, options: Options = Options(),
                           perform: @escaping @Sendable (Effect) -> Void) async -> (AppState, Outcome) {
        let signals = SignalWatcher(queue: queue)
        defer { signals.cancel() }
        let result: (AppState, Outcome) = await withCheckedContinuation { continuation in
            let thread = Thread {
                let manager = ScreenManager(state: state, catalog: catalog, queue: queue, perform: perform)
                let output: Terminal.Output = options.discardOutputAs.map { .discard(terminalName: $0) } ?? .terminal
                let result = Result { () throws(Terminal.StartFailure) in
                    try manager.run(output: output, exitAfterFirstFrame: options.exitAfterFirstFrame)
                }
                switch result {
                case .success(let final): continuation.resume(returning: (final, .quit))
                case .failure(let failure): continuation.resume(returning: (state, .failed(failure.description)))
                }
            }
            thread.name = "tandem-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        if case .quit = result.1, let signal = signals.signal { return (result.0, .interrupted(signal: signal)) }
        return result
    }
}

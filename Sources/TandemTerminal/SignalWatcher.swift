import CNcurses
import Dispatch
import Synchronization
import TandemTUI

/// Turns SIGINT, SIGTERM and SIGHUP into `.interrupted` so the UI loop restores the terminal and quits in order.
/// A second signal while the first is being handled restores what it can and exits at once (a stuck UI must not
/// keep the terminal hostage).
final class SignalWatcher {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [any DispatchSourceSignal] = []
    private let received = FirstSignal()

    /// The first signal seen, shared with the handlers that run on a dispatch queue.
    private final class FirstSignal: Sendable {
        private let value = Mutex<Int32?>(nil)

        /// Records `number` and returns true if it is the first signal.
        func record(_ number: Int32) -> Bool {
            value.withLock { value in
                defer { value = value ?? number }
                return value == nil
            }
        }

        var number: Int32? { value.withLock { $0 } }
    }

    init(queue: ActionQueue) {
        for number in Self.signals {
            tandem_ignore_signal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [received] in
                if received.record(number) { queue.send(.interrupted) } else { TerminalRestore.restoreAndExit(128 + number) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var signal: Int32? { received.number }

    func cancel() {
        for source in sources { source.cancel() }
        for number in Self.signals { tandem_default_signal(number) }
    }
}

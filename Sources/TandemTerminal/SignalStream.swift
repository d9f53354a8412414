import CNcurses
import Dispatch

/// Signals as an async stream, for commands without a screen (`tandem watch`) that must end in order on Ctrl-C:
/// the default action would kill the process between two writes.
public enum SignalStream {
    /// Ignores `signals`' default action while the stream is being read and yields each one as it arrives;
    /// the default actions come back when the reader stops.
    public static func of(_ signals: [Int32]) -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let sources = signals.map { number -> any DispatchSourceSignal in
            tandem_ignore_signal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        let owned = Sources(sources)
        continuation.onTermination = { _ in
            owned.cancel()
            for number in signals { tandem_default_signal(number) }
        }
        return stream
    }

    /// Dispatch sources are thread-safe; this box only lets the termination handler own them.
    private final class Sources: @unchecked Sendable {
        private let sources: [any DispatchSourceSignal]
        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
        func cancel() { for source in sources { source.cancel() } }
    }
}

import PostgresNIO
import Synchronization

/// Fails a statement whose connection died under it, instead of letting it wait forever.
///
/// PostgresNIO 1.33 hands a statement to the connection's channel without asking to hear whether the write reached
/// its handler. When the connection has just closed (PostgreSQL restarted, say), the write can be dropped and the
/// statement's result never arrives: the request hangs, its pooled connection is never given back, and graceful
/// shutdown waits for it forever. Measured here: about one request in a thousand during a restart. So every
/// statement runs in a task of its own while a sweep, once a second, fails those whose connection has been closed
/// for a whole sweep (the usual failure path has had that long to answer them). The abandoned task waits on a
/// result that will never come; it holds nothing but its own memory.
final class ConnectionWatchdog: Sendable {
    static let shared = ConnectionWatchdog()

    private struct Watched {
        let connection: PostgresConnection
        let fail: @Sendable (any Error) -> Void
        var closedAtLastSweep = false
    }

    private struct State {
        var watched: [UInt64: Watched] = [:]
        var nextID: UInt64 = 0
        var sweeping = false
    }

    private let state = Mutex(State())
    private let sweepInterval = Duration.seconds(1)

    /// The connection closed and the statement never got an answer.
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection closed before the statement was answered" }
    }

    /// Runs `statement` on `connection`, failing with `ConnectionLost` if the connection closes without an answer.
    func run<Result: Sendable>(on connection: PostgresConnection,
                               _ statement: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let id = watch(connection) { continuation.resume(throwing: $0) }
            Task {
                let outcome: Swift.Result<Result, any Error>
                do { outcome = .success(try await statement()) } catch { outcome = .failure(error) }
                // Whoever removes the entry resumes the continuation, so it is resumed exactly once.
                if unwatch(id) { continuation.resume(with: outcome) }
            }
        }
    }

    private func watch(_ connection: PostgresConnection, fail: @escaping @Sendable (any Error) -> Void) -> UInt64 {
        let (id, startSweeping) = state.withLock { state in
            state.nextID += 1
            state.watched[state.nextID] = Watched(connection: connection, fail: fail)
            defer { state.sweeping = true }
            return (state.nextID, !state.sweeping)
        }
        if startSweeping { Task { await sweep() } }
        return id
    }

    /// False when the sweep already failed the statement.
    private func unwatch(_ id: UInt64) -> Bool {
        state.withLock { $0.watched.removeValue(forKey: id) } != nil
    }

    /// Checks every watched statement once per interval while there are any.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: sweepInterval)
            let (lost, done) = state.withLock { state -> ([Watched], Bool) in
                var lost: [Watched] = []
                for (id, var watched) in state.watched where watched.connection.isClosed {
                    if watched.closedAtLastSweep {
                        lost.append(watched)
                        state.watched[id] = nil
                    } else {
                        watched.closedAtLastSweep = true
                        state.watched[id] = watched
                    }
                }
                if state.watched.isEmpty { state.sweeping = false }
                return (lost, state.watched.isEmpty)
            }
            for watched in lost { watched.fail(ConnectionLost()) }
            if done { return }
        }
    }
}

import Foundation

/// Runs blocking test code (waiting for a child process, polling a tmux screen) on a thread of its own.
///
/// Swift Testing runs every test on the cooperative pool, which has one thread per core; a test that blocks there
/// for seconds starves the in-process servers of the tests running beside it (their websockets then miss pongs).
func onOwnThread<Success: Sendable>(_ body: @escaping @Sendable () throws -> Success) async throws -> Success {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

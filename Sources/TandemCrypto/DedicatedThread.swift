import Foundation

/// Runs blocking work on a fresh `Thread`, so that it never occupies Swift's cooperative pool.
enum DedicatedThread {
    /// Runs `body` on a new thread and awaits its result.
    ///
    /// `body` receives a function telling whether the awaiting task has been cancelled; it is
    /// expected to poll it now and then and give up early.
    static func run<Success: Sendable, Failure: Error>(
        name: String,
        _ body: @escaping @Sendable (_ isCancelled: @Sendable () -> Bool) throws(Failure) -> Success
    ) async -> Result<Success, Failure> {
        let flag = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Success, Failure>, Never>) in
                let thread = Thread {
                    let result = Result { () throws(Failure) in try body { flag.isSet } }
                    continuation.resume(returning: result)
                }
                thread.name = name
                thread.qualityOfService = .userInitiated
                thread.start()
            }
        } onCancel: {
            flag.set()
        }
    }
}

/// A flag set once from any thread and polled from another.
private final class CancellationFlag: @unchecked Sendable {
    // A lock rather than `Atomic` (Synchronization) keeps the package's macOS 14 deployment target.
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}

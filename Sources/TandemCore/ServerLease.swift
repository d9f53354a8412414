import Synchronization

/// The right to talk to the server for a profile, held by one process at a time until released.
public final class ServerLease: Sendable {
    private let releaseOnce: Mutex<(@Sendable () -> Void)?>

    /// A lease that runs `release` once, when ``release()`` is called or the lease is dropped.
    public init(release: @escaping @Sendable () -> Void) {
        releaseOnce = Mutex(release)
    }

    /// Gives the lease up; later calls do nothing.
    public func release() {
        let action = releaseOnce.withLock { stored -> (@Sendable () -> Void)? in
            defer { stored = nil }
            return stored
        }
        action?()
    }

    deinit { release() }
}

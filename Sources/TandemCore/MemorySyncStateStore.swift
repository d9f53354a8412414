import Foundation
import Synchronization

/// A profile kept in memory, for tests and the demo; engines sharing one instance behave like processes sharing
/// one profile file.
public final class MemorySyncStateStore: SyncStateStore {
    private let stored: Mutex<StoredState>
    private let serverLocked = Mutex(false)

    /// A new profile with a random device id, or `state` as given.
    public init(state: DeviceState = DeviceState(deviceID: UUID().uuidString.lowercased())) {
        stored = Mutex(StoredState(state: state, revision: 1))
    }

    public func load() async throws -> StoredState {
        stored.withLock { $0 }
    }

    public func update<Result: Sendable>(_ change: @escaping @Sendable (inout DeviceState) throws -> Result) async throws
        -> (Result, StoredState) {
        try stored.withLock { current in
            var state = current.state
            let result = try change(&state)
            if state != current.state { current = StoredState(state: state, revision: current.revision + 1) }
            return (result, current)
        }
    }

    public func revision() async throws -> UInt64 {
        stored.withLock { $0.revision }
    }

    public func tryLockServer() throws -> ServerLease? {
        let acquired = serverLocked.withLock { locked in
            defer { locked = true }
            return !locked
        }
        guard acquired else { return nil }
        return ServerLease { self.serverLocked.withLock { $0 = false } }
    }
}

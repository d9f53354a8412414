import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TandemCore

/// An advisory `flock` on a profile's sidecar lock file: one process (one open file) at a time talks to the server
/// for the profile. Only ever tried without blocking; callers retry with `Task.sleep`.
enum ProfileLock {
    static func tryLock(_ path: String) throws -> ServerLease? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SQLiteSyncStateStore.StoreError.lockFile("\(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        // Closing the descriptor releases the lock, also when the process dies.
        return ServerLease { close(descriptor) }
    }
}

import Foundation
import Logging
import ServiceLifecycle
import TandemServerCore

/// Deletes expired tokens every `interval` while the server runs (and once at start), so a database does not keep
/// every token ever issued. Runs beside the server; graceful shutdown ends it.
struct TokenSweeper: Service {
    let store: any ExpiredTokenSweeping
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Graceful shutdown cancels the sleep; that is this service's normal end, not a failure.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let swept = try await store.deleteExpiredTokens(now: Date())
                    if swept > 0 { logger.info("Deleted expired tokens", metadata: ["count": "\(swept)"]) }
                } catch {
                    logger.warning("Could not delete expired tokens", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}

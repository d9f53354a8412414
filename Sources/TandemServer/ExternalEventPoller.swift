import Logging
import ServiceLifecycle
import TandemServerCore

/// Brings events that the operator's admin command wrote into the database (SQLite has no LISTEN/NOTIFY) to this
/// instance's sockets: it reads the store's `ExternalEventLog` every `interval`, starting after the newest event at
/// start-up, and hands each new event to `deliver` (the hub).
struct ExternalEventPoller: Service {
    let log: any ExternalEventLog
    var interval = Duration.seconds(1)
    let logger: Logger
    let deliver: @Sendable (AccountEvent) -> Void

    func run() async {
        await cancelWhenGracefulShutdown {
            var after: Int64?
            while !Task.isCancelled {
                do {
                    if let last = after {
                        for (id, event) in try await log.externalEvents(after: last) {
                            deliver(event)
                            after = id
                        }
                    } else {
                        after = try await log.latestExternalEventID()
                    }
                } catch {
                    logger.warning("Could not read the database's admin events", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}

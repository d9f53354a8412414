import Logging
import ServiceLifecycle
import TandemServerCore

/// Brings events that the operator's admin command wrote into the database (SQLite has no LISTEN/NOTIFY) to this
/// instance's sockets and token cache: it reads the store's `ExternalEventLog` every `interval`, starting after the
/// newest event at start-up, and hands each new event to `deliver`. `listening` hears whether the last read worked:
/// while it fails, an event may be waiting unread, so the token cache must not be used.
struct ExternalEventPoller: Service {
    let log: any ExternalEventLog
    /// Also the longest a deleted account's tokens may still be served from this instance's token cache.
    var interval = Duration.seconds(1)
    let logger: Logger
    let listening: @Sendable (Bool) -> Void
    let deliver: @Sendable (AccountEvent) -> Void

    init(log: any ExternalEventLog, interval: Duration = .seconds(1), logger: Logger,
         listening: @escaping @Sendable (Bool) -> Void, deliver: @escaping @Sendable (AccountEvent) -> Void) {
        self.log = log
        self.interval = interval
        self.logger = logger
        self.listening = listening
        self.deliver = deliver
    }

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
                    listening(true)
                } catch {
                    listening(false)
                    logger.warning("Could not read the database's admin events", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}

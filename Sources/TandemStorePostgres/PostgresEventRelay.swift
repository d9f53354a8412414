import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import TandemServerCore

/// Brings every instance's account events to this instance's sockets through PostgreSQL LISTEN/NOTIFY.
///
/// `PostgresAccountStore` records each accepted wallet write and password change in the `account_event` outbox and
/// NOTIFYs it inside the write's own transaction, so a notice exists exactly when the write committed. The relay
/// holds one dedicated connection LISTENing on the channel and hands each event to `deliver` (the instance's hub),
/// the events of its own instance included. When that connection is lost it reconnects with backoff, LISTENs again
/// and then reads from the outbox what was committed meanwhile; `RelayLedger` skips what was already delivered, so a
/// notice reaches the sockets once. A heartbeat query finds a connection that died without a word.
public final class PostgresEventRelay: Service {
    /// Hooks for metrics; called from the relay's task.
    public struct Observer: Sendable {
        /// The LISTEN connection came up (true, after catching up) or went down (false).
        public var listening: @Sendable (Bool) -> Void
        /// A lost LISTEN connection was re-established.
        public var reconnected: @Sendable () -> Void

        public init(listening: @escaping @Sendable (Bool) -> Void, reconnected: @escaping @Sendable () -> Void) {
            self.listening = listening
            self.reconnected = reconnected
        }
    }

    /// How often the LISTEN connection is checked, and how long an answer may take before it counts as lost.
    let heartbeat = (interval: Duration.seconds(10), timeout: Duration.seconds(5))
    /// Reconnect delays double from the first to the last; a jitter keeps instances from reconnecting in lockstep.
    let backoff = (first: Duration.milliseconds(100), last: Duration.seconds(5))
    /// How often this instance deletes outbox rows older than `PostgresAccountStore.outboxRetention` (every instance
    /// does, harmlessly).
    let pruneInterval = Duration.seconds(600)

    private let settings: PostgresConnectionSettings
    private let store: PostgresAccountStore
    private let deliver: @Sendable (AccountEvent) -> Void
    private let observer: Observer
    private let logger: Logger
    private let ledger = Mutex(RelayLedger())
    /// Finishes once `startFromLatestEvent` has run: before that the outbox may not even exist yet.
    private let started = AsyncStream<Never>.makeStream()

    /// `store` opens the same database; `deliver` hands an event to this instance's sockets.
    public init(settings: PostgresConnectionSettings, store: PostgresAccountStore, observer: Observer, logger: Logger,
                deliver: @escaping @Sendable (AccountEvent) -> Void) {
        self.settings = settings
        self.store = store
        self.observer = observer
        self.logger = logger
        self.deliver = deliver
    }

    /// Marks where relaying starts, after the schema is migrated: run it before the server accepts sockets, so that
    /// everything committed later reaches them even if the LISTEN connection comes up only afterwards.
    public func startFromLatestEvent() async throws {
        let latest = try await store.latestEventID()
        ledger.withLock { $0.start(after: latest) }
        started.continuation.finish()
    }

    /// Once `startFromLatestEvent` has run, LISTENs until the task is cancelled or the server shuts down,
    /// reconnecting whenever the connection is lost, and prunes the outbox now and then.
    public func run() async {
        await cancelWhenGracefulShutdown {
            self.observer.listening(false)
            for await _ in self.started.stream {}
            await withDiscardingTaskGroup { group in
                group.addTask { await self.relayUntilCancelled() }
                group.addTask { await self.pruneUntilCancelled() }
            }
            self.observer.listening(false)
        }
    }

    private func relayUntilCancelled() async {
        var failures = 0
        var connectedBefore = false
        var connectionID = 0
        while !Task.isCancelled {
            connectionID += 1
            do {
                try await self.listen(connectionID: connectionID) { caughtUp in
                    if connectedBefore {
                        self.observer.reconnected()
                        self.logger.notice("PostgreSQL LISTEN connection re-established",
                                           metadata: ["failedAttempts": "\(failures)", "caughtUp": "\(caughtUp)"])
                    } else {
                        self.logger.info("Relaying account events through PostgreSQL LISTEN",
                                         metadata: ["channel": "\(AccountEventRecord.channel)", "caughtUp": "\(caughtUp)"])
                    }
                    connectedBefore = true
                    failures = 0
                    self.observer.listening(true)
                }
            } catch {
                self.observer.listening(false)
                if Task.isCancelled { break }
                failures += 1
                let delay = self.delay(afterFailures: failures)
                self.logger.warning("PostgreSQL LISTEN connection lost; reconnecting",
                                    metadata: ["error": "\(PostgresStoreError(error))",
                                               "retryInMilliseconds": "\(Int(delay / .milliseconds(1)))",
                                               "attempt": "\(failures)", "database": "\(self.settings)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func pruneUntilCancelled() async {
        while true {
            do { try await Task.sleep(for: pruneInterval) } catch { return }
            do {
                try await store.pruneEvents()
            } catch {
                logger.warning("Could not prune the account event outbox", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One connection's life: connect, LISTEN, catch up, then deliver notifications until something fails.
    private func listen(connectionID: Int, onListening: (Int) -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            on: PostgresClient.defaultEventLoopGroup.any(), configuration: try settings.connectionConfiguration,
            id: connectionID, logger: logger)
        do {
            try await connection.listen(on: AccountEventRecord.channel) { notifications in
                // LISTEN is active now, so whatever commits from here on is notified; what committed before is in
                // the outbox, read with a snapshot taken after this point.
                let after = ledger.withLock { $0.catchUpAfter }
                var caughtUp = 0
                for row in try await connection.rows("""
                    SELECT id, kind, account_id, value, device_key FROM account_event WHERE id > \(after) ORDER BY id
                    """, logger: logger) {
                    if let record = try AccountEventRecord(row: row), relay(record) { caughtUp += 1 }
                }
                onListening(caughtUp)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await notification in notifications {
                            guard let record = AccountEventRecord(payload: notification.payload) else {
                                self.logger.warning("Ignoring an unexpected notification",
                                                    metadata: ["payload": "\(notification.payload)"])
                                continue
                            }
                            self.relay(record)
                        }
                        try Task.checkCancellation()
                        throw ListenEnded()
                    }
                    group.addTask { try await self.checkHealth(of: connection) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Delivers an event unless it already was; true when delivered.
    @discardableResult
    private func relay(_ record: AccountEventRecord) -> Bool {
        guard ledger.withLock({ $0.admit(record.id) }) else { return false }
        deliver(record.event)
        return true
    }

    /// Pings the connection every `heartbeat.interval`, closing it when an answer takes longer than `timeout` (which
    /// fails the LISTEN too).
    private func checkHealth(of connection: PostgresConnection) async throws {
        while true {
            try await Task.sleep(for: heartbeat.interval)
            let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await connection.run("SELECT 1", logger: self.logger)
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: self.heartbeat.timeout)
                    return false
                }
                let first = try await group.next() ?? false
                if !first { try? await connection.close() }  // fails the pending query, so the group can end
                group.cancelAll()
                return first
            }
            guard answered else { throw HeartbeatTimeout() }
        }
    }

    private func delay(afterFailures failures: Int) -> Duration {
        let doubled = backoff.first * (1 << min(failures - 1, 16))
        let capped = min(doubled, backoff.last)
        return capped * Double.random(in: 0.5...1.0)
    }

    struct ListenEnded: Error, CustomStringConvertible {
        var description: String { "the notification stream ended" }
    }

    struct HeartbeatTimeout: Error, CustomStringConvertible {
        var description: String { "no answer to the heartbeat query" }
    }
}

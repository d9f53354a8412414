/// Account events that another program (the operator's `tandem-server admin`) wrote into a database whose servers
/// have no relay of their own (SQLite); servers poll it, so that, say, a deleted account's sockets close within
/// seconds. Servers never write here: their own events reach their sockets directly.
public protocol ExternalEventLog: Sendable {
    /// The id of the newest event, 0 when there is none: a server starting up begins after it.
    func latestExternalEventID() async throws -> Int64
    /// Events after `id`, oldest first.
    func externalEvents(after id: Int64) async throws -> [(id: Int64, event: AccountEvent)]
}

/// What the relay has delivered, so that an event arriving both by NOTIFY and by catch-up reaches the sockets once.
///
/// Event ids grow with insertion, but transactions commit in any order, so a lower id may commit after a higher one.
/// After a reconnect the relay therefore reads back a window of ids below the highest it delivered (an event whose
/// transaction was still open when the connection dropped) and everything above, skipping what it delivered.
struct RelayLedger: Sendable {
    /// How far below the highest delivered id a catch-up looks. An event inserted this many events before another
    /// one that was already delivered, and still not committed, is not looked for: write transactions take
    /// milliseconds, so this is a generous margin.
    static let window: Int64 = 10_000

    /// Events up to here happened before this instance started relaying; catch-up never replays them.
    private(set) var floor: Int64?
    private var highest: Int64 = 0
    private var delivered: Set<Int64> = []

    /// Starts relaying after `floor`, the newest event id when this instance began.
    mutating func start(after floor: Int64) {
        guard self.floor == nil else { return }
        self.floor = floor
        highest = floor
    }

    /// The id after which a catch-up reads the outbox.
    var catchUpAfter: Int64 { max(floor ?? 0, highest - Self.window) }

    /// Records `id` as delivered; false when it already was, so the caller must not deliver it again.
    mutating func admit(_ id: Int64) -> Bool {
        guard delivered.insert(id).inserted else { return false }
        highest = max(highest, id)
        if delivered.count > 4 * Int(Self.window) {
            // Nothing below the catch-up window can arrive twice any more, so forget it.
            let keep = highest - 2 * Self.window
            delivered = delivered.filter { $0 >= keep }
        }
        return true
    }
}

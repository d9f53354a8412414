@testable import TandemStorePostgres
import Testing

/// The relay's bookkeeping of delivered events, without a database.
@Suite struct RelayLedgerTests {
    /// Which of `ids` the ledger admits, in order.
    func admitted(_ ids: [Int64], by ledger: inout RelayLedger) -> [Int64] {
        ids.filter { ledger.admit($0) }
    }

    @Test func anEventIsAdmittedOnce() {
        var ledger = RelayLedger()
        ledger.start(after: 100)
        // 101 twice: by NOTIFY and by catch-up. 99: inserted before this instance started, committed after.
        #expect(admitted([101, 101, 99, 99, 102], by: &ledger) == [101, 99, 102])
    }

    @Test func catchUpLooksBackAWindowButNeverBeforeTheStart() {
        var ledger = RelayLedger()
        ledger.start(after: 100)
        #expect(ledger.catchUpAfter == 100)
        #expect(admitted([100 + 3 * RelayLedger.window], by: &ledger).count == 1)
        #expect(ledger.catchUpAfter == 100 + 2 * RelayLedger.window)
        ledger.start(after: 5)
        #expect(ledger.floor == 100, "the start is set once")
    }

    @Test func forgettingOldEventsKeepsTheWindowDeduplicated() {
        var ledger = RelayLedger()
        ledger.start(after: 0)
        let last = 5 * RelayLedger.window
        #expect(admitted(Array(1...last), by: &ledger).count == Int(last))
        // Everything a catch-up can return is still remembered.
        #expect(admitted(Array((ledger.catchUpAfter + 1)...last), by: &ledger).isEmpty)
    }
}

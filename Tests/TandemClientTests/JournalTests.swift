import Foundation
import TandemClient
import TandemCore
import Testing

/// The journal: kept by every store in the same transaction as the change, bounded, and the engine's undo, redo and
/// history over it.
@Suite struct JournalTests {
    @Test(arguments: StoreBackend.allCases)
    func entriesAreStoredWithTheirChangeInOrderAndByteExact(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let nfc = ExactText(SyncStateStoreConformanceTests.nfc), nfd = ExactText(SyncStateStoreConformanceTests.nfd)
        let tricky = ExactText(SyncStateStoreConformanceTests.tricky)
        let (_, stored) = try await first.update { state in
            state.preferences[nfc] = tricky
            state.journalAppend = [JournalEntry(date: date, key: nfc, old: nil, new: tricky, origin: .local),
                                   JournalEntry(date: date, key: nfd, old: "x", new: nil, origin: .pulled(sequence: 7))]
        }
        #expect(stored.state.journalAppend.isEmpty, "the entries are in the journal, not in the state")
        _ = try await second.update { state in
            state.journalAppend = [JournalEntry(date: date, key: nfc, old: tricky, new: "2", origin: .undo(of: 1))]
        }
        let all = try await first.journal(key: nil, limit: 10)
        #expect(all.map(\.key) == [nfc, nfd, nfc])
        #expect(all.map(\.origin) == [.local, .pulled(sequence: 7), .undo(of: 1)])
        #expect(all[0].new == tricky && all[0].old == nil && all[1].new == nil && all[0].date == date)
        #expect(all.map(\.id) == all.map(\.id).sorted() && Set(all.map(\.id)).count == 3)
        #expect(try await second.journal(key: nfd, limit: 10).map(\.origin) == [.pulled(sequence: 7)], "NFC and NFD are two keys")
        #expect(try await second.journal(key: nil, limit: 2).map(\.origin) == [.pulled(sequence: 7), .undo(of: 1)], "the newest")
        #expect(try await first.load().state.journalAppend.isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func aThrowingChangeJournalsNothingAndTheJournalIsBounded(_ backend: StoreBackend) async throws {
        struct Refused: Error {}
        let (store, _) = try backend.makePair()
        await #expect(throws: Refused.self) {
            try await store.update { state in
                state.journalAppend = [JournalEntry(date: Date(), key: "k", old: nil, new: "v", origin: .local)]
                throw Refused()
            }
        }
        #expect(try await store.journal(key: nil, limit: 10).isEmpty)
        _ = try await store.update { state in
            state.journalAppend = (0..<(Journal.limit + 5)).map {
                JournalEntry(date: Date(), key: ExactText("k\($0)"), old: nil, new: "v", origin: .local)
            }
        }
        let kept = try await store.journal(key: nil, limit: Journal.limit * 2)
        #expect(kept.count == Journal.limit)
        #expect(kept.first?.key == "k5" && kept.last?.key == ExactText("k\(Journal.limit + 4)"))
    }

    @Test func undoRedoAndHistoryOverEditsAndPulls() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine(), desktop = try await harness.engine()
            try await harness.signIn(laptop, desktop)
            try await laptop.setPreference("car", to: "Saab")
            try await laptop.setPreference("car", to: "Volvo")
            try await laptop.removePreference("car")
            // Undelete falls out of undo.
            #expect(try await laptop.undo()?.new == "Volvo")
            #expect(await laptop.preferences["car"] == "Volvo")
            #expect(try await laptop.undo()?.new == "Saab", "again goes further back")
            #expect(try await laptop.redo()?.new == "Volvo")
            #expect(await laptop.preferences["car"] == "Volvo")
            #expect(try await laptop.redo()?.new == nil)
            #expect(await laptop.preferences["car"] == nil, "redone: deleted again")
            #expect(try await laptop.redo() == nil, "nothing left to redo")
            _ = try await laptop.undo()
            try await laptop.setPreference("other", to: "1")
            #expect(try await laptop.redo() == nil, "a new edit after undoing ends the redo line")

            // A pull is journaled with the sequence it came from, and undo never takes it back.
            #expect(await laptop.sync() == .synced(sequence: 1))
            _ = await desktop.pull()
            try await desktop.setPreference("car", to: "Tesla")
            #expect(await desktop.sync().isSuccess)
            _ = await laptop.pull()
            let history = try await laptop.history(of: "car")
            #expect(history.last?.origin == .pulled(sequence: 2))
            #expect(history.last?.new == "Tesla")
            #expect(history.map(\.origin).first == .local)
            let undone = try await laptop.undo()
            #expect(undone?.key == "other", "the last LOCAL change, not the pull")
        }
    }
}

import Foundation
import Testing
import TandemCore

@Suite("Pending merge")
struct PendingMergeTests {
    static let pending = PendingMerge(
        base: ["a": "1", "b": "1", "c": "1"],
        local: ["a": "2", "b": "1", "d": "local"],
        remote: ["a": "3", "b": "9", "d": "remote"],
        remoteSequence: 42
    )

    @Test("unresolved lists the conflicts and completed() is nil until all are decided")
    func completion() {
        var pending = Self.pending
        #expect(pending.unresolved.map(\.key) == ["a", "d"])
        #expect(pending.completed() == nil)

        pending.resolve("a", with: .use("4"))
        #expect(pending.unresolved.map(\.key) == ["d"])
        #expect(pending.completed() == nil)

        pending.resolve("d", with: .takeRemote)
        #expect(pending.unresolved.isEmpty)
        #expect(pending.completed() == ["a": "4", "b": "9", "d": "remote"])
    }

    @Test("resolveAll decides only what is still open", arguments: MergeResult.Side.allCases)
    func resolveAll(side: MergeResult.Side) {
        var pending = Self.pending
        pending.resolve("a", with: .use("mine"))
        pending.resolveAll(side)
        #expect(pending.completed() == ["a": "mine", "b": "9", "d": side == .local ? "local" : "remote"])
    }

    @Test("a pending deletion conflict completes without the key")
    func deletion() {
        var pending = PendingMerge(base: ["k": "v"], local: [:], remote: ["k": "w"], remoteSequence: 1)
        #expect(pending.unresolved.map(\.kind) == [.deletedLocallyEditedRemotely])
        pending.resolve("k", with: .keepLocal)
        #expect(pending.completed() == [:])
    }

    @Test("Codable round trip keeps snapshots, sequence and resolutions")
    func codable() throws {
        var pending = Self.pending
        pending.remoteSequence = UInt32.max
        pending.resolutions = ["a": .use("q\"uote\\ 🐎"), "d": .keepLocal, "x": .takeRemote, "e": .use("")]
        let data = try JSONEncoder().encode(pending)
        let decoded = try JSONDecoder().decode(PendingMerge.self, from: data)
        #expect(decoded == pending)
        #expect(decoded.completed() == pending.completed())
    }

    @Test("Conflict Codable round trip keeps absent sides absent")
    func conflictCodable() throws {
        let conflicts = [
            Conflict(key: "k", base: nil, local: "", remote: "x"),
            Conflict(key: "k", base: "b", local: nil, remote: "x"),
        ]
        let decoded = try JSONDecoder().decode([Conflict].self, from: JSONEncoder().encode(conflicts))
        #expect(decoded == conflicts)
        #expect(decoded.map(\.kind) == [.bothAdded, .deletedLocallyEditedRemotely])
    }

    @Test("edits made while the merge waited apply on top of its result; a conflicting key keeps its decision")
    func editsOnTop() {
        var pending = Self.pending
        var working = pending.local
        working["theme"] = "dark"            // a new key
        working["b"] = nil                   // deleting a key the remote changed (not a conflict)
        working["a"] = "typed"               // editing a conflicting key...
        pending.recordEdit("a", to: "typed") // ...is its decision
        pending.recordEdit("b", to: nil)     // no decision for a key that is not in conflict
        #expect(pending.resolutions == ["a": .edited("typed")])
        #expect(pending.completed(working: working) == nil, "d is still undecided")
        pending.resolve("d", with: .takeRemote)
        #expect(pending.completed(working: working) == ["a": "typed", "d": "remote", "theme": "dark"])
        pending.resolve("a", with: .takeRemote)
        #expect(pending.completed(working: working)?["a"] == "3", "a later explicit choice replaces the edit")
    }

    @Test("deleting a conflicting key while the merge waits decides it as a deletion")
    func deletionEdit() {
        var pending = Self.pending
        pending.recordEdit("d", to: nil)
        pending.resolve("a", with: .keepLocal)
        var working = pending.local
        working["d"] = nil
        #expect(pending.completed(working: working) == ["a": "2", "b": "9"])
    }
}

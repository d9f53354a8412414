import Testing
import TandemCore

@Suite("Resolving conflicts")
struct ResolutionTests {
    /// Four conflicts, one of each kind, plus one decided key.
    static let result = ThreeWayMerge.merge(
        base: ["edit": "base", "delR": "base", "delL": "base", "same": "s"],
        local: ["edit": "L", "delR": "L", "add": "L", "same": "s"],
        remote: ["edit": "R", "delL": "R", "add": "R", "same": "s"]
    )

    @Test("the fixture has one conflict of each kind")
    func fixture() {
        #expect(Self.result.conflicts.map(\.key) == ["add", "delL", "delR", "edit"])
        #expect(Set(Self.result.conflicts.map(\.kind)) == Set(Conflict.Kind.allCases))
        #expect(Self.result.merged == ["same": "s"])
    }

    @Test("keepLocal, takeRemote and use(value) each move one key into merged")
    func individual() {
        let resolved = Self.result.resolving(["edit": .keepLocal, "add": .takeRemote, "delR": .use("new")])
        #expect(resolved.merged == ["same": "s", "edit": "L", "add": "R", "delR": "new"])
        #expect(resolved.conflicts.map(\.key) == ["delL"])
        #expect(!resolved.isClean)
    }

    @Test("choosing an absent side deletes the key", arguments: [
        (ExactText("delL"), Resolution.keepLocal),
        (ExactText("delR"), Resolution.takeRemote),
    ])
    func deletion(key: ExactText, resolution: Resolution) {
        let resolved = Self.result.resolving([key: resolution])
        #expect(resolved.merged[key] == nil)
        #expect(!resolved.conflicts.contains { $0.key == key })
        #expect(resolved.conflicts.count == 3)
    }

    @Test("choosing the present side of a deletion conflict keeps the value")
    func keepAgainstDeletion() {
        let resolved = Self.result.resolving(["delL": .takeRemote, "delR": .keepLocal])
        #expect(resolved.merged["delL"] == "R")
        #expect(resolved.merged["delR"] == "L")
    }

    @Test("use(\"\") keeps the key with an empty value")
    func emptyValue() {
        #expect(Self.result.resolving(["edit": .use("")]).merged["edit"] == "")
    }

    @Test("all local and all remote", arguments: MergeResult.Side.allCases)
    func all(side: MergeResult.Side) {
        let resolved = Self.result.resolvingAll(side)
        #expect(resolved.isClean)
        switch side {
        case .local: #expect(resolved.merged == ["same": "s", "edit": "L", "delR": "L", "add": "L"])
        case .remote: #expect(resolved.merged == ["same": "s", "edit": "R", "delL": "R", "add": "R"])
        }
        #expect(resolved == Self.result.resolving(Dictionary(
            uniqueKeysWithValues: Self.result.conflicts.map { ($0.key, side.resolution) }
        )))
    }

    @Test("resolutions for keys not in conflict are ignored")
    func unknownKeys() {
        let resolved = Self.result.resolving(["same": .use("changed"), "nope": .keepLocal])
        #expect(resolved == Self.result)
    }

    @Test("resolving in steps equals resolving at once")
    func stepwise() {
        let stepwise = Self.result.resolving(["edit": .keepLocal]).resolving(["add": .use("x")])
        #expect(stepwise == Self.result.resolving(["edit": .keepLocal, "add": .use("x")]))
    }
}

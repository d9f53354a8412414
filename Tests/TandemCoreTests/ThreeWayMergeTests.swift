import Testing
import TandemCore

/// One key's base, local and remote values (nil is absent).
struct KeyCase: Sendable, CustomTestStringConvertible {
    let base: ExactText?
    let local: ExactText?
    let remote: ExactText?

    var testDescription: String {
        func show(_ value: ExactText?) -> String { value.map { "\"\($0)\"" } ?? "absent" }
        return "B=\(show(base)) L=\(show(local)) R=\(show(remote))"
    }

    /// Every combination of base, local and remote over {absent, "a", "b", "c"}: 64 cases.
    static let all: [KeyCase] = {
        let values: [ExactText?] = [nil, "a", "b", "c"]
        return values.flatMap { base in
            values.flatMap { local in values.map { remote in KeyCase(base: base, local: local, remote: remote) } }
        }
    }()
}

@Suite("Three-way merge")
struct ThreeWayMergeTests {
    /// What the protocol's rule says for one key: `.some(value)` decided, `nil` conflict.
    private static func expectedDecision(_ c: KeyCase) -> ExactText?? {
        if c.local == c.remote { return .some(c.local) }
        if c.local == c.base { return .some(c.remote) }
        if c.remote == c.base { return .some(c.local) }
        return nil
    }

    private static func dictionary(_ value: ExactText?) -> Preferences {
        value.map { ["k": $0] } ?? [:]
    }

    @Test("one key, every combination of absent and values", arguments: KeyCase.all)
    func everyCombination(_ c: KeyCase) {
        let result = ThreeWayMerge.merge(
            base: Self.dictionary(c.base), local: Self.dictionary(c.local), remote: Self.dictionary(c.remote)
        )
        if let decided = Self.expectedDecision(c) {
            #expect(result.isClean)
            #expect(result.merged == Self.dictionary(decided))
        } else {
            #expect(result.merged.isEmpty)
            #expect(result.conflicts == [Conflict(key: "k", base: c.base, local: c.local, remote: c.remote)])
            // A conflict always has a value on at least one side and differs from the base on both.
            #expect(c.local != c.remote && c.local != c.base && c.remote != c.base)
        }
    }

    @Test("swapping local and remote mirrors the result", arguments: KeyCase.all)
    func symmetry(_ c: KeyCase) {
        let base = Self.dictionary(c.base), local = Self.dictionary(c.local), remote = Self.dictionary(c.remote)
        let forward = ThreeWayMerge.merge(base: base, local: local, remote: remote)
        let backward = ThreeWayMerge.merge(base: base, local: remote, remote: local)
        #expect(forward.merged == backward.merged)
        #expect(forward.conflicts.map(\.local) == backward.conflicts.map(\.remote))
    }

    struct NamedCase: Sendable, CustomTestStringConvertible {
        let name: String
        let keyCase: KeyCase
        /// The decided value, or the conflict kind.
        let outcome: Outcome
        var testDescription: String { name }

        enum Outcome: Sendable, Equatable {
            case decided(ExactText?)
            case conflict(Conflict.Kind)
        }

        init(_ name: String, _ base: ExactText?, _ local: ExactText?, _ remote: ExactText?, _ outcome: Outcome) {
            self.name = name
            self.keyCase = KeyCase(base: base, local: local, remote: remote)
            self.outcome = outcome
        }
    }

    static let namedCases: [NamedCase] = [
        NamedCase("unchanged everywhere", "a", "a", "a", .decided("a")),
        NamedCase("edited locally only", "a", "b", "a", .decided("b")),
        NamedCase("edited remotely only", "a", "a", "b", .decided("b")),
        NamedCase("both edited to the same value", "a", "b", "b", .decided("b")),
        NamedCase("deleted locally only", "a", nil, "a", .decided(nil)),
        NamedCase("deleted remotely only", "a", "a", nil, .decided(nil)),
        NamedCase("deleted on both sides", "a", nil, nil, .decided(nil)),
        NamedCase("added locally only", nil, "a", nil, .decided("a")),
        NamedCase("added remotely only", nil, nil, "a", .decided("a")),
        NamedCase("both added the same value", nil, "a", "a", .decided("a")),
        NamedCase("empty string is a value, not absence", nil, "", nil, .decided("")),
        NamedCase("edited to empty string locally", "a", "", "a", .decided("")),
        NamedCase("both edited differently", "a", "b", "c", .conflict(.bothEdited)),
        NamedCase("edited locally, deleted remotely", "a", "b", nil, .conflict(.editedLocallyDeletedRemotely)),
        NamedCase("deleted locally, edited remotely", "a", nil, "b", .conflict(.deletedLocallyEditedRemotely)),
        NamedCase("both added different values", nil, "a", "b", .conflict(.bothAdded)),
        NamedCase("empty string versus absent", "a", "", nil, .conflict(.editedLocallyDeletedRemotely)),
    ]

    @Test("named cases of the rule", arguments: namedCases)
    func named(_ row: NamedCase) {
        let c = row.keyCase
        let result = ThreeWayMerge.merge(
            base: Self.dictionary(c.base), local: Self.dictionary(c.local), remote: Self.dictionary(c.remote)
        )
        switch row.outcome {
        case .decided(let value):
            #expect(result.isClean)
            #expect(result.merged["k"] == value)
        case .conflict(let kind):
            #expect(result.conflicts.map(\.kind) == [kind])
            #expect(result.merged["k"] == nil)
        }
    }

    @Test("many keys are decided independently and conflicts come sorted")
    func multiKey() {
        let base: Preferences = ["animal": "horse", "car": "Audi", "city": "Oslo", "color": "red", "gone": "x", "tea": "green"]
        let local: Preferences = ["animal": "cow", "car": "Audi", "city": "Bergen", "fruit": "fig", "tea": "black", "zed": "1"]
        let remote: Preferences = ["animal": "horse", "car": "BMW", "city": "Paris", "fruit": "fig", "zed": "2", "tea": "green"]
        let result = ThreeWayMerge.merge(base: base, local: local, remote: remote)
        #expect(result.merged == ["animal": "cow", "car": "BMW", "fruit": "fig", "tea": "black"])
        #expect(result.conflicts == [
            Conflict(key: "city", base: "Oslo", local: "Bergen", remote: "Paris"),
            Conflict(key: "zed", base: nil, local: "1", remote: "2"),
        ])
        #expect(result.conflicts.map(\.kind) == [.bothEdited, .bothAdded])
        #expect(!result.isClean)
    }

    @Test("empty inputs merge to nothing")
    func empty() {
        let result = ThreeWayMerge.merge(base: [:], local: [:], remote: [:])
        #expect(result == MergeResult(merged: [:], conflicts: []))
        #expect(result.isClean)
    }

    @Test("10,000 keys merge correctly")
    func largeMerge() {
        var base: Preferences = [:], local: Preferences = [:], remote: Preferences = [:]
        for i in 0..<10_000 {
            let key = ExactText("key\(i)")
            let same = ExactText("v\(i)"), mine = ExactText("local\(i)"), theirs = ExactText("remote\(i)")
            base[key] = same
            switch i % 5 {
            case 0: local[key] = same; remote[key] = same
            case 1: local[key] = mine; remote[key] = same
            case 2: local[key] = same; remote[key] = theirs
            case 3: local[key] = mine; remote[key] = theirs
            default: break // deleted on both sides
            }
        }
        let result = ThreeWayMerge.merge(base: base, local: local, remote: remote)
        #expect(result.merged.count == 6_000)
        #expect(result.conflicts.count == 2_000)
        #expect(result.conflicts.map(\.key) == result.conflicts.map(\.key).sorted())
    }
}

@Suite("Byte-exact merge")
struct ByteExactMergeTests {
    static let nfc = ExactText("\u{C5}")
    static let nfd = ExactText("A\u{30A}")

    @Test("canonically equivalent texts are different keys and values")
    func exactText() {
        #expect("\u{C5}" == "A\u{30A}", "Swift's String calls them equal")
        #expect(Self.nfc != Self.nfd)
        #expect(Set([Self.nfc, Self.nfd]).count == 2)
        #expect(Self.nfd < Self.nfc, "sorted by bytes: 0x41 before 0xC3")
    }

    @Test("changing a value to its other normal form is an edit, and both forms as keys are two keys")
    func merge() {
        let base: Preferences = ["k": Self.nfc, Self.nfc: "1"]
        let local: Preferences = ["k": Self.nfd, Self.nfc: "1", Self.nfd: "2"]
        let remote: Preferences = ["k": Self.nfc, Self.nfc: "1"]
        let result = ThreeWayMerge.merge(base: base, local: local, remote: remote)
        #expect(result.isClean)
        #expect(result.merged["k"]?.utf8 == Self.nfd.utf8)
        #expect(result.merged.count == 3)
        #expect(LocalChange.between(base: base, current: local) == [
            LocalChange(key: Self.nfd, kind: .added), LocalChange(key: "k", kind: .changed),
        ])
    }

    @Test("two devices writing the two forms conflict instead of merging silently")
    func conflict() {
        let result = ThreeWayMerge.merge(base: ["k": "x"], local: ["k": Self.nfc], remote: ["k": Self.nfd])
        #expect(result.conflicts == [Conflict(key: "k", base: "x", local: Self.nfc, remote: Self.nfd)])
    }
}

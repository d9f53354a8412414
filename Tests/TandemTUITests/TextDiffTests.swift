import Testing
@testable import TandemTUI

@Suite struct TextDiffTests {
    /// The changed characters of each side, joined ("" when none).
    private func changed(_ segments: [TextDiff.Segment]) -> [String] {
        segments.filter(\.changed).map(\.text)
    }

    @Test func marksTheOnlyDifferenceAtTheEndOfLongValues() {
        let common = String(repeating: "a", count: 495)
        let (old, new) = TextDiff.compare(common + "local", common + "remot")
        #expect(old.first == TextDiff.Segment(common, changed: false))
        #expect(changed(old).joined().count <= 5 && !changed(old).isEmpty)
        #expect(changed(new).joined().count <= 5 && !changed(new).isEmpty)
        #expect(TextDiff.firstDifference(common + "local", common + "remot") == 495)
    }

    @Test func findsSeveralSpans() {
        let (old, new) = TextDiff.compare("the quick brown fox", "the quack brown box")
        #expect(changed(old) == ["i", "f"])
        #expect(changed(new) == ["a", "b"])
        #expect(old.map(\.text).joined() == "the quick brown fox", "segments keep the whole text")
    }

    @Test func insertionsAndDeletionsMarkOnlyTheSideThatHasThem() {
        let (old, new) = TextDiff.compare("13", "130")
        #expect(changed(old).isEmpty)
        #expect(changed(new) == ["0"])
        let (emptyOld, emptyNew) = TextDiff.compare("", "x")
        #expect(emptyOld.isEmpty)
        #expect(changed(emptyNew) == ["x"])
    }

    @Test func comparesScalarsSoCanonicallyEqualTextsDiffer() {
        // "é" precomposed vs "e" + combining acute: equal as Swift Strings, different values (ExactText).
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)
        let (old, new) = TextDiff.compare(precomposed, decomposed)
        #expect(changed(old) == ["\u{E9}"])
        #expect(changed(new) == ["e\u{301}"])
        #expect(TextDiff.firstDifference(precomposed, decomposed) == 3)
        #expect(TextDiff.firstDifference("same", "same") == nil)
    }

    @Test func unrelatedHugeValuesAreOneChangedSpanWithoutTakingLong() {
        let a = String((0..<40_000).map { _ in "ab".randomElement()! })
        let b = String((0..<40_000).map { _ in "xy".randomElement()! })
        let clock = ContinuousClock()
        var result: (old: [TextDiff.Segment], new: [TextDiff.Segment]) = ([], [])
        let elapsed = clock.measure { result = TextDiff.compare(a, b) }
        #expect(result.old == [TextDiff.Segment(a, changed: true)])
        #expect(elapsed < .seconds(2))
    }
}

/// Which characters of two texts differ, computed on Unicode scalars (values are byte-exact: "é" precomposed and
/// "e" + combining acute are different values, and the diff must say where).
///
/// Common prefix and suffix are trimmed first (conflicting values usually differ in one place), then the middle is
/// compared with Myers' O(ND) algorithm. Past `maximumEdits` (500) differences the whole middle counts as changed: a frame
/// must not wait on a diff of two unrelated 100 KB values.
public enum TextDiff {
    /// A run of text that is the same on both sides or differs.
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var changed: Bool

        public init(_ text: String, changed: Bool) {
            self.text = text
            self.changed = changed
        }
    }

    /// Bounds the work (about edits² steps, and as many saved positions) of a diff that runs for every frame.
    static let maximumEdits = 500

    /// The segments of `old` and of `new`: in each, the characters the other side lacks are `changed`.
    public static func compare(_ old: String, _ new: String) -> (old: [Segment], new: [Segment]) {
        let a = Array(old.unicodeScalars), b = Array(new.unicodeScalars)
        let (changedA, changedB) = changedScalars(a, b)
        return (segments(old, changed: changedA), segments(new, changed: changedB))
    }

    /// The offset (in characters) of the first character of `text` that differs from `other`, or nil when equal.
    public static func firstDifference(_ text: String, _ other: String) -> Int? {
        guard text.utf8.count != other.utf8.count || !text.utf8.elementsEqual(other.utf8) else { return nil }
        var offset = 0
        var left = text.makeIterator(), right = other.makeIterator()
        while true {
            let l = left.next(), r = right.next()
            // Characters compare by canonical equivalence; the scalars must be the same for the texts to be.
            guard let l, let r, l.unicodeScalars.elementsEqual(r.unicodeScalars) else { return offset }
            offset += 1
        }
    }

    /// Per scalar of each side: whether it is not part of the common subsequence.
    static func changedScalars(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> ([Bool], [Bool]) {
        var changedA = [Bool](repeating: false, count: a.count), changedB = [Bool](repeating: false, count: b.count)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        guard let (keptA, keptB) = commonSubsequence(middleA, middleB) else {
            for index in prefix..<(a.count - suffix) { changedA[index] = true }
            for index in prefix..<(b.count - suffix) { changedB[index] = true }
            return (changedA, changedB)
        }
        for (offset, kept) in keptA.enumerated() where !kept { changedA[prefix + offset] = true }
        for (offset, kept) in keptB.enumerated() where !kept { changedB[prefix + offset] = true }
        return (changedA, changedB)
    }

    /// Myers' greedy shortest edit script; marks which elements of each side are kept. Nil past `maximumEdits`.
    static func commonSubsequence(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> ([Bool], [Bool])? {
        let n = a.count, m = b.count
        var keptA = [Bool](repeating: false, count: n), keptB = [Bool](repeating: false, count: m)
        if n == 0 || m == 0 { return (keptA, keptB) }
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else { return nil }
        // Walk back through the saved frontiers, marking the diagonal (kept) moves.
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                keptA[x] = true
                keptB[y] = true
            }
            if d > 0 {
                x = previousX
                y = previousY
            }
        }
        return (keptA, keptB)
    }

    /// Groups the characters of `text` into runs; a character is changed when any of its scalars is. A run of one or
    /// two equal characters between two changes joins them ("⟦local⟧" rather than "⟦l⟧o⟦cal⟧"): a reader compares
    /// words, and a coincidental "o" in common says nothing.
    private static func segments(_ text: String, changed: [Bool]) -> [Segment] {
        var runs = rawSegments(text, changed: changed)
        var index = 1
        while index + 1 < runs.count {
            if !runs[index].changed, runs[index - 1].changed, runs[index + 1].changed, runs[index].text.count <= 2 {
                runs[index - 1].text += runs[index].text + runs[index + 1].text
                runs.removeSubrange(index...(index + 1))
            } else {
                index += 1
            }
        }
        return runs
    }

    /// `text` cut to show the character at `offset` within `width` columns: "…" and the text from a little before it
    /// when the start would push it out of sight (long values that differ only near the end must not look equal).
    public static func excerpt(_ text: String, showing offset: Int, width: Int) -> String {
        let context = max(2, width / 3)
        guard offset >= 0, width > 4, DisplayWidth.of(text.prefix(offset + 1)) > width - 1, offset > context else { return text }
        return "…" + text.dropFirst(offset - context)
    }

    private static func rawSegments(_ text: String, changed: [Bool]) -> [Segment] {
        var result: [Segment] = []
        var scalarIndex = 0
        for character in text {
            let count = character.unicodeScalars.count
            let isChanged = changed[scalarIndex..<(scalarIndex + count)].contains(true)
            scalarIndex += count
            if let last = result.last, last.changed == isChanged {
                result[result.count - 1].text.append(character)
            } else {
                result.append(Segment(String(character), changed: isChanged))
            }
        }
        return result
    }
}

import Foundation
import Testing
import TandemTUI

/// Compares a screen's text with `Snapshots/<name>.txt`; `TANDEM_RECORD=1` (or a missing file) writes it instead.
func expectSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = screen.text + "\n"
    let recording = ProcessInfo.processInfo.environment["TANDEM_RECORD"] == "1"
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !recording { Issue.record("Recorded a new snapshot \(name).txt; check it and run again.", sourceLocation: sourceLocation) }
        return
    }
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    var differences: [String] = []
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let have = index < actualLines.count ? String(actualLines[index]) : "(none)"
        let want = index < expectedLines.count ? String(expectedLines[index]) : "(none)"
        if have != want { differences.append("line \(index + 1):\n  expected: \(want)\n  actual:   \(have)") }
    }
    Issue.record("Snapshot \(name).txt differs (TANDEM_RECORD=1 rewrites it):\n\(differences.prefix(8).joined(separator: "\n"))\n\nActual screen:\n\(actual)",
                 sourceLocation: sourceLocation)
}

extension Screen {
    /// The role of the first cell whose text starts `text` on any row, for checking what a word means.
    func role(of text: String) -> Role? {
        for y in 0..<size.height {
            var line = ""
            var starts: [Int] = []
            for x in 0..<size.width {
                starts.append(x)
                line += self[x, y].text.isEmpty ? "\u{0}" : self[x, y].text
            }
            guard let range = line.range(of: text) else { continue }
            let offset = line.distance(from: line.startIndex, to: range.lowerBound)
            // Characters map to cells one to one here because continuation cells were given a placeholder.
            return self[offset, y].role
        }
        return nil
    }
}

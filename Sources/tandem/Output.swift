import Foundation
import TandemCore

/// Where the CLI's words go: results on stdout, refusals and failures as one sentence on stderr.
///
/// Every line is written at once with its own write(2), not through stdio's buffer: into a pipe or a file stdio
/// holds output in 4 KiB blocks, so a `tandem watch > log` showed nothing for minutes and lost the tail on Ctrl-C.
enum Output {
    /// One line of results on stdout.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Many lines of results in one write.
    static func lines(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        FileHandle.standardOutput.write(Data((texts.joined(separator: "\n") + "\n").utf8))
    }

    /// One sentence on stderr, prefixed `tandem: ` so it reads apart from results in a script's log.
    static func error(_ sentence: String) {
        FileHandle.standardError.write(Data("tandem: \(sentence)\n".utf8))
    }

    /// Reports `sentence` on stderr and ends the process with status 1.
    static func fail(_ sentence: String) -> Never {
        error(sentence)
        exit(1)
    }

    /// A JSON object of preferences, sorted by key bytes. Written by hand: a `[String: Any]` for JSONSerialization
    /// would merge keys that differ only in Unicode normalisation (`é` and `e` + U+0301), and they are two keys.
    static func json(_ preferences: Preferences) {
        let members = preferences.keys.sorted().map { "  \(quoted($0.string)) : \(quoted(preferences[$0]!.string))" }
        line(members.isEmpty ? "{}" : "{\n" + members.joined(separator: ",\n") + "\n}")
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Machine-readable output for `--json`.
    static func json(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        line(String(decoding: data, as: UTF8.self))
    }
}

/// People's words for the network errors that reach the UI as text from lower layers: Foundation's
/// `NSURLErrorDomain error -1004`, SwiftNIO's `SingleConnectionFailure(target: …)` and the like never reach the
/// screen as such. Shared by the terminal UI and the CLI.
public enum ErrorWords {
    /// `detail` with any internal part (a type's debug description, an error domain and code) replaced by a
    /// plain reason; text without one comes back unchanged.
    public static func plain(_ detail: String) -> String {
        guard let marker = internalMarker(in: detail) else { return detail }
        let reason = self.reason(for: detail)
        // Keep the human part before the internal one ("cannot reach the server: http://…"), without the brackets
        // and separators that led into it.
        var lead = String(detail[..<marker])
        while let last = lead.last, " (:.[,;".contains(last) { lead.removeLast() }
        if let open = lead.lastIndex(of: "("), !lead[open...].contains(")") {
            lead = String(lead[..<open])
            while lead.last == " " { lead.removeLast() }
        }
        return lead.isEmpty ? reason : "\(lead) (\(reason))"
    }

    /// Where the first internal part starts, if any.
    static func internalMarker(in text: String) -> String.Index? {
        var candidates: [String.Index] = []
        for needle in ["The operation could", "The operation couldn", "NSURLErrorDomain", "Error Domain=", "(errno", "errno:"] {
            if let range = text.range(of: needle) { candidates.append(range.lowerBound) }
        }
        // A type's debug description: a CamelCase name right before "(", like `SingleConnectionFailure(target: …`.
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "(") {
            var begin = open
            while begin > text.startIndex, text[text.index(before: begin)].isLetter || text[text.index(before: begin)].isNumber {
                begin = text.index(before: begin)
            }
            let word = text[begin..<open]
            if word.count >= 8, word.first?.isUppercase == true, isCamelCase(word) { candidates.append(begin) }
            index = text.index(after: open)
        }
        return candidates.min()
    }

    /// At least two capitals and a small letter in one word, like `SingleConnectionFailure` or `NIOConnectionError`.
    private static func isCamelCase(_ word: Substring) -> Bool {
        word.count(where: \.isUppercase) >= 2 && word.contains(where: \.isLowercase)
    }

    /// A plain reason for a network failure, from the codes and phrases lower layers use.
    static func reason(for text: String) -> String {
        let lower = text.lowercased()
        if let code = urlErrorCode(in: text) {
            switch code {
            case -1000: return "the server URL is not valid"
            case -1001: return "the server did not answer in time"
            case -1002: return "the server URL's scheme is not supported (use http or https)"
            case -1003, -1006: return "the server's host name was not found"
            case -1004: return "the server refused the connection (is it running?)"
            case -1005: return "the network connection was lost"
            case -1009: return "this computer is not connected to a network"
            case -1011: return "the server's answer could not be understood"
            case -1200, -1201, -1202, -1203, -1204, -1205, -1206: return "a secure connection to the server could not be made"
            default: return "a network error (code \(code))"
            }
        }
        if lower.contains("connection refused") { return "the server refused the connection (is it running?)" }
        if lower.contains("timed out") || lower.contains("timeout") { return "the server did not answer in time" }
        if lower.contains("connection reset") { return "the connection was reset" }
        if lower.contains("name or service not known") || lower.contains("nodename nor servname") || lower.contains("no address")
            || lower.contains("unknown host") || lower.contains("host not found") {
            return "the server's host name was not found"
        }
        if lower.contains("network is unreachable") || lower.contains("no route to host") { return "the network cannot reach the server" }
        if lower.contains("tls") || lower.contains("ssl") || lower.contains("certificate") { return "a secure connection to the server could not be made" }
        return "a network error"
    }

    private static func urlErrorCode(in text: String) -> Int? {
        guard let domain = text.range(of: "NSURLErrorDomain") else { return nil }
        let rest = text[domain.upperBound...]
        guard let minus = rest.firstIndex(of: "-") else { return nil }
        let digits = rest[rest.index(after: minus)...].prefix { $0.isNumber }
        return Int(digits).map { -$0 }
    }
}

/// Checks a server URL before it is stored or used: http or https, a host, and a port from 1 to 65535 if one is
/// given. Shared by the terminal UI and the CLI, so both refuse the same URLs with the same words.
public enum ServerURL {
    /// Why `text` is not a usable server URL, as a sentence; nil when it is one.
    public static func problem(_ text: String) -> String? {
        let example = "a server URL looks like http://127.0.0.1:8090"
        guard let separator = text.range(of: "://") else { return "'\(text)' is not a server URL: \(example)." }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return "'\(text)' does not start with http:// or https://; \(example)."
        }
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { !"/?#".contains($0) }
        guard !authority.contains("@"), !authority.contains(where: \.isWhitespace) else {
            return "'\(text)' is not a server URL: \(example)."
        }
        var host = Substring(authority)
        var port: Substring?
        if authority.hasPrefix("[") {
            // An IPv6 address: [::1]:8090.
            guard let close = authority.firstIndex(of: "]") else { return "'\(text)' has an unclosed IPv6 address." }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty { return "'\(text)' is not a server URL: \(example)." }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return "'\(text)' has no host name; \(example)." }
        if let port {
            guard let number = Int(port), number >= 1, number <= 65535, port.allSatisfy(\.isASCII) else {
                return "The port must be a number from 1 to 65535, not \(port.isEmpty ? "nothing" : String(port))."
            }
        }
        return nil
    }
}

import Foundation

/// The link `tandem invite` prints and `tandem join` (and the UI's log-in dialog) accept:
/// `tandem://join?server=<URL>&email=<address>`, both percent-encoded. It names the server and the account, never
/// a secret: the new device still asks for the password.
public struct JoinLink: Sendable, Equatable {
    public var server: String
    public var email: String

    public init(server: String, email: String) {
        self.server = server
        self.email = email
    }

    /// The link's text.
    public var text: String {
        func encoded(_ value: String) -> String {
            value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? value
        }
        return "tandem://join?server=\(encoded(server))&email=\(encoded(email))"
    }

    /// Whether `text` is meant as a join link (so a malformed one is reported rather than taken as a server URL).
    public static func looksLikeLink(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("tandem:")
    }

    /// The link in `text`, or why it is not a usable one (one sentence).
    public static func parse(_ text: String) -> Result<JoinLink, JoinLinkProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), components.scheme?.lowercased() == "tandem",
              components.host?.lowercased() == "join" else {
            return .failure(JoinLinkProblem("'\(trimmed)' is not a join link: it looks like tandem://join?server=…&email=…."))
        }
        let items = components.queryItems ?? []
        guard let server = items.first(where: { $0.name == "server" })?.value, !server.isEmpty else {
            return .failure(JoinLinkProblem("The join link names no server."))
        }
        if let problem = ServerURL.problem(server) { return .failure(JoinLinkProblem("The join link's server is wrong: \(problem)")) }
        guard let email = items.first(where: { $0.name == "email" })?.value, email.contains("@"), !email.contains(where: \.isWhitespace) else {
            return .failure(JoinLinkProblem("The join link names no valid email address."))
        }
        return .success(JoinLink(server: server, email: email))
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// Why a text is not a usable join link, as a sentence.
public struct JoinLinkProblem: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

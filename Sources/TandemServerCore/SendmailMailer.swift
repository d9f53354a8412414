import Foundation
import NIOPosix

/// Pipes an RFC 5322 message to a sendmail-compatible program (`sendmail -t -i`), which reads the recipient from
/// the headers. The program runs on the thread pool because waiting for it blocks.
public struct SendmailMailer: Mailer {
    public enum Failure: Error, CustomStringConvertible {
        case headerInjection(String)
        case exited(path: String, status: Int32)
        public var description: String {
            switch self {
            case .headerInjection(let field): "refusing to send mail: line break in \(field)"
            case let .exited(path, status): "\(path) exited with status \(status)"
            }
        }
    }

    public let path: String
    private let pool: NIOThreadPool

    public init(path: String = "/usr/sbin/sendmail", pool: NIOThreadPool = .singleton) {
        self.path = path
        self.pool = pool
    }

    public func send(_ message: MailMessage) async throws {
        let data = try Self.rfc5322(message, date: Date())
        let path = path
        try await pool.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-t", "-i"]
            let input = Pipe()
            process.standardInput = input
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: data)
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw Failure.exited(path: path, status: process.terminationStatus) }
        }
    }

    /// The message as RFC 5322 text: CRLF line ends, UTF-8 body, RFC 2047 subject when it is not ASCII.
    public static func rfc5322(_ message: MailMessage, date: Date) throws -> Data {
        for (field, value) in [("From", message.from), ("To", message.to), ("Subject", message.subject)]
        where value.contains(where: \.isNewline) {
            throw Failure.headerInjection(field)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = message.subject.allSatisfy(\.isASCII)
            ? message.subject
            : "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let headers = [
            "From: \(message.from)",
            "To: \(message.to)",
            "Subject: \(subject)",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@tandem>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let body = message.body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        return Data((headers + [""] + body).joined(separator: "\r\n").utf8)
    }
}

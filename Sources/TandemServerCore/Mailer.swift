import Foundation
import Logging

/// A plain-text mail to one recipient.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String

    public init(from: String, to: String, subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends mail; the server only ever sends verification links.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Writes the mail to the log instead of sending it: for development and for servers without a mail system.
public struct LogMailer: Mailer {
    private let logger: Logger
    public init(logger: Logger) { self.logger = logger }

    public func send(_ message: MailMessage) async throws {
        logger.notice("Mail to \(message.to): \(message.subject)\n\(message.body)")
    }
}

import Foundation
import Logging
import Synchronization
import TandemServer
import Testing

/// `--log-format json`: one parseable object per record, whatever the record holds.
@Suite struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ bytes: [UInt8]) { lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
    }

    private func logger(into lines: Lines, provider: Logger.MetadataProvider? = nil) -> Logger {
        var logger = Logger(label: "tandem-server") { label in
            JSONLogHandler(label: label, metadataProvider: provider, sink: lines.append)
        }
        logger.logLevel = .trace
        return logger
    }

    private func object(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false, "a record spans lines: \(line)")
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test func aHostileMessageStaysOneRecordOnOneLine() throws {
        let lines = Lines()
        let forged = "Mail to a@b.org\n{\"level\":\"critical\",\"message\":\"forged\"}\r\t\u{0}\u{1B}[31m é 🙂 \\"
        logger(into: lines).notice("\(forged)")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        let record = try object(line)
        #expect(record["message"] as? String == forged)
        #expect(record["level"] as? String == "notice")
        #expect(record["label"] as? String == "tandem-server")
        #expect(record["source"] as? String == "TandemServerTests")
        #expect(record["metadata"] == nil)
    }

    @Test func metadataKeepsItsShapeAndTheCallSiteWins() throws {
        let lines = Lines()
        let provider = Logger.MetadataProvider { ["request": "from-provider", "instance": "a"] }
        var logger = logger(into: lines, provider: provider)
        logger[metadataKey: "instance"] = "from-logger"
        logger.warning("refused", metadata: [
            "request": "42", "nested": ["list": ["1", "two", ["deep": "x\ny"]]], "count": .stringConvertible(7),
        ])
        let line = try #require(lines.all.first)
        let record = try object(line)
        let metadata = try #require(record["metadata"] as? [String: Any])
        #expect(metadata["request"] as? String == "42")
        #expect(metadata["instance"] as? String == "a")
        #expect(metadata["count"] as? String == "7")
        let nested = try #require(metadata["nested"] as? [String: Any])
        let list = try #require(nested["list"] as? [Any])
        #expect(list.count == 3)
        #expect((list[2] as? [String: Any])?["deep"] as? String == "x\ny")
        // Keys in byte order, so equal records print equal lines.
        let keys = ["count", "instance", "nested", "request"].map { line.range(of: "\"\($0)\":")!.lowerBound }
        #expect(keys == keys.sorted())
    }

    @Test func timeIsUTCWithMilliseconds() throws {
        let lines = Lines()
        logger(into: lines).info("hello")
        let line = try #require(lines.all.first)
        let time = try #require(try object(line)["time"] as? String)
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(time)")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: time))
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
    }

    @Test func theFormatIsChosenByFlagOrEnvironmentAndAnUnknownOneIsRefused() throws {
        var options = ServerOptions()
        #expect(try ServerConfiguration(options: options, environment: [:]).logFormat == .text)
        #expect(try ServerConfiguration(options: options, environment: ["TANDEM_LOG_FORMAT": "JSON"]).logFormat == .json)
        options.logFormat = "text"
        #expect(try ServerConfiguration(options: options, environment: ["TANDEM_LOG_FORMAT": "json"]).logFormat == .text)
        options.logFormat = "xml"
        #expect {
            try ServerConfiguration(options: options, environment: [:])
        } throws: { error in
            "\(error)" == "invalid log format 'xml' (expected text or json)"
        }
    }
}

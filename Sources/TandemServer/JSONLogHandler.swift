import Foundation
import Logging
import TandemWire

/// Writes each log record as one line of JSON (`--log-format json`), for log collectors that parse fields rather
/// than text: `{"time":…,"level":…,"label":…,"message":…,"source":…,"metadata":{…}}`.
///
/// A message or metadata value holding a newline stays on its record's line (JSON escapes it), so a hostile email
/// address or path in a log message cannot forge a record. Each record reaches the stream in one `write`, so records
/// from different threads never interleave.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: @Sendable ([UInt8]) -> Void

    /// A handler writing to standard error, where the text format writes too.
    public static func standardError(label: String, metadataProvider: Logger.MetadataProvider?) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: metadataProvider) { line in
            line.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }  // Nowhere left to report a failing stderr.
                    offset += written
                }
            }
        }
    }

    /// `sink` receives each finished line, newline included.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, provided in provided } }
        if let explicit = event.metadata { merged.merge(explicit) { _, explicit in explicit } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }

        var line: [UInt8] = []
        line.reserveCapacity(160)
        line.append(contentsOf: Array(#"{"time":"#.utf8))
        JSONWriter.appendString(Self.timestamp(Date()), to: &line)
        Self.appendField("level", event.level.rawValue, to: &line)
        Self.appendField("label", label, to: &line)
        Self.appendField("message", event.message.description, to: &line)
        Self.appendField("source", event.source, to: &line)
        if !merged.isEmpty {
            line.append(contentsOf: Array(#","metadata":"#.utf8))
            Self.append(.dictionary(merged), to: &line)
        }
        line.append(contentsOf: Array("}\n".utf8))
        sink(line)
    }

    private static func appendField(_ name: String, _ value: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: ","))
        JSONWriter.appendString(name, to: &line)
        line.append(UInt8(ascii: ":"))
        JSONWriter.appendString(value, to: &line)
    }

    private static func append(_ value: Logger.Metadata.Value, to line: inout [UInt8]) {
        switch value {
        case .string(let text):
            JSONWriter.appendString(text, to: &line)
        case .stringConvertible(let convertible):
            JSONWriter.appendString(convertible.description, to: &line)
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                append(element, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .dictionary(let members):
            line.append(UInt8(ascii: "{"))
            // Sorted, so the same record always reads the same and tests can compare lines.
            for (index, key) in JSONWriter.sortedKeys(Array(members.keys)).enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                append(members[key]!, to: &line)
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-29T02:40:05.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HummingbirdWSClient
import Logging
import Synchronization

/// A device's websocket to one server process, recording every `wallet-update:N` it receives and how it ended.
final class NoticeSocket: Sendable {
    /// The server's close frame once the connection ended.
    let closed: Task<WebSocketCloseFrame?, any Error>
    private let texts: TextLog

    private init(closed: Task<WebSocketCloseFrame?, any Error>, texts: TextLog) {
        self.closed = closed
        self.texts = texts
    }

    /// Connects and returns once the server has registered the socket (its websocket gauge shows `expectedOpen`).
    static func open(to server: ServerProcess, token: String, expectedOpen: Int) async throws -> NoticeSocket {
        let texts = TextLog()
        let closed = Task {
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(server.port)/api/3/websocket?token=\(token)", logger: Logger(label: "e2e-socket")
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 4096) {
                    if case .text(let text) = message { texts.append(text) }
                }
            }
        }
        let socket = NoticeSocket(closed: closed, texts: texts)
        let http = HTTPClient(baseURL: server.baseURL)
        guard try await eventually({ try await http.metric("tandem_websocket_connections") == Double(expectedOpen) }) else {
            throw NotRegistered()
        }
        return socket
    }

    /// The sequences of the `wallet-update:N` frames so far, in arrival order.
    var sequences: [Int] {
        texts.values.compactMap { $0.hasPrefix("wallet-update:") ? Int($0.dropFirst("wallet-update:".count)) : nil }
    }

    /// Waits until a notice for `sequence` has arrived; false after `timeout`.
    func waitForNotice(_ sequence: Int, timeout: Duration = .seconds(30)) async throws -> Bool {
        try await eventually(timeout: timeout) { self.sequences.contains(sequence) }
    }

    struct NotRegistered: Error, CustomStringConvertible {
        var description: String { "the server did not register the websocket" }
    }

    /// Text frames appended from the socket's task.
    final class TextLog: Sendable {
        private let storage = Mutex<[String]>([])
        func append(_ text: String) { storage.withLock { $0.append(text) } }
        var values: [String] { storage.withLock { $0 } }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held. Errors count as "not yet".
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return (try? await condition()) == true
}

extension HTTPClient {
    /// The value of an unlabelled metric on `/metrics`, nil when the server does not report it.
    func metric(_ name: String) async throws -> Double? {
        let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + "/metrics")!)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        return lines.lazy.compactMap { line -> Double? in
            let parts = line.split(separator: " ")
            return parts.count == 2 && parts[0] == name ? Double(parts[1]) : nil
        }.first
    }
}

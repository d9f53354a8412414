import HummingbirdWSClient
import Logging
import NIOWebSocket

/// A real websocket client connected to a test server, reporting what it receives.
struct SocketProbe {
    enum Event: Sendable, Equatable {
        case opened
        case text(String)
    }

    private var events: AsyncStream<Event>.Iterator
    /// The server's close frame once the connection ended.
    let closed: Task<WebSocketCloseFrame?, any Error>

    mutating func next() async -> Event? { await events.next() }

    /// Connects to `/api/3/websocket`; the client ends the connection itself after `stopAfter` texts, or after
    /// sending `send` if given.
    static func connect(port: Int, token: String, since: UInt32? = nil, stopAfter: Int = .max,
                        send: String? = nil) -> SocketProbe {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let query = since.map { "&since=\($0)" } ?? ""
        let closed = Task {
            defer { continuation.finish() }
            return try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/api/3/websocket?token=\(token)\(query)", logger: Logger(label: "probe")
            ) { inbound, outbound, _ in
                continuation.yield(.opened)
                if let send { try await outbound.write(.text(send)) }
                var received = 0
                for try await message in inbound.messages(maxSize: 4096) {
                    guard case .text(let text) = message else { continue }
                    continuation.yield(.text(text))
                    received += 1
                    if received >= stopAfter { return }
                }
            }
        }
        return SocketProbe(events: events.makeAsyncIterator(), closed: closed)
    }
}

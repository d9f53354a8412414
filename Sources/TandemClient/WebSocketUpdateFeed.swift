import Foundation
import HummingbirdWSClient
import Logging
import Synchronization
import TandemCore
import TandemWire

/// `UpdateFeed` over the server's websocket: reconnects with jittered exponential backoff, asks for catch-up with
/// `since=N` on every connect, and stops for good when the server closes with 4001 (password changed).
public struct WebSocketUpdateFeed: UpdateFeed {
    public let server: URL
    public var initialDelay: Duration = .seconds(1)
    public var maximumDelay: Duration = .seconds(30)
    private let logger: Logger

    public init(server: URL, logger: Logger = Logger(label: "tandem.feed")) {
        self.server = server
        self.logger = logger
    }

    public func events(token: String, since: @escaping @Sendable () async -> UInt32) -> AsyncStream<UpdateFeedEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: UpdateFeedEvent.self)
        let task = Task { [self] in
            var delay = initialDelay
            while !Task.isCancelled {
                continuation.yield(.connecting)
                let outcome = await connectOnce(token: token, since: await since(), continuation: continuation)
                switch outcome {
                case .passwordChanged, .deviceRevoked, .accountDeleted:
                    if case .deviceRevoked = outcome {
                        continuation.yield(.deviceRevoked)
                    } else if case .accountDeleted = outcome {
                        continuation.yield(.accountDeleted)
                    } else {
                        continuation.yield(.passwordChanged)
                    }
                    continuation.finish()
                    return
                case .cancelled:
                    continuation.finish()
                    return
                case .wasConnected(let reason):
                    delay = initialDelay
                    continuation.yield(.disconnected(reason: reason, retryAt: retryDate(after: delay)))
                case .refused:
                    continuation.yield(.refused(retryAt: retryDate(after: delay)))
                case .unreachable(let reason):
                    continuation.yield(.disconnected(reason: reason, retryAt: retryDate(after: delay)))
                }
                try? await Task.sleep(for: jittered(delay))
                delay = min(delay * 2, maximumDelay)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private enum Outcome {
        case passwordChanged, deviceRevoked, accountDeleted, cancelled, refused
        case wasConnected(String)
        case unreachable(String)
    }

    private func connectOnce(token: String, since: UInt32, continuation: AsyncStream<UpdateFeedEvent>.Continuation) async -> Outcome {
        var components = URLComponents(url: server.appendingPathComponent("api/3/websocket"), resolvingAgainstBaseURL: false)
        components?.scheme = server.scheme == "https" ? "wss" : "ws"
        components?.queryItems = [URLQueryItem(name: "token", value: token), URLQueryItem(name: "since", value: String(since))]
        guard let url = components?.url?.absoluteString else { return .unreachable("invalid server URL \(server)") }
        let connected = ConnectedFlag()
        do {
            let close = try await WebSocketClient.connect(url: url, logger: logger) { inbound, _, _ in
                connected.set()
                continuation.yield(.connected)
                for try await message in inbound.messages(maxSize: 1024) {
                    if case .text(let text) = message, let notice = WalletUpdateNotice(text: text) {
                        continuation.yield(.walletUpdated(sequence: notice.sequence))
                    }
                }
            }
            if Task.isCancelled { return .cancelled }
            if close?.closeCode == .unknown(4001) { return .passwordChanged }
            if close?.closeCode == .unknown(4002) { return .deviceRevoked }
            if close?.closeCode == .unknown(4003) { return .accountDeleted }
            return .wasConnected("closed by the server\(close.map { " (\($0.closeCode))" } ?? "")")
        } catch {
            if Task.isCancelled { return .cancelled }
            if connected.isSet { return .wasConnected("connection lost") }
            if let error = error as? WebSocketClientError, error == .webSocketUpgradeFailed { return .refused }
            return .unreachable("\(error)")
        }
    }

    private func retryDate(after delay: Duration) -> Date {
        Date().addingTimeInterval(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
    }

    /// ±20 % so many devices do not reconnect in step after a server restart.
    private func jittered(_ delay: Duration) -> Duration { delay * Double.random(in: 0.8...1.2) }
}

/// Set once from inside the connection handler, read after it returns.
private final class ConnectedFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

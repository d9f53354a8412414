import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A websocket client on a bare TCP socket, for peers no well-behaved client library would be: it can flood, stop
/// reading, or never answer a ping. Blocking calls; use it from its own thread (`onOwnThread`), one thread at a time
/// (hence unchecked: a test hands it from one such thread to the next).
final class RawWebSocket: @unchecked Sendable {
    private let descriptor: Int32
    private(set) var received: [UInt8] = []

    /// Connects and sends the upgrade request; `upgraded()` reads the answer.
    init(port: Int, token: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else { throw CocoaError(.fileReadUnknown) }
        _ = send(Array("""
            GET /api/3/websocket?token=\(token) HTTP/1.1\r
            Host: 127.0.0.1\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            \r

            """.utf8), within: 5)
    }

    deinit { close(descriptor) }

    /// Ends the client's side of the connection without a close frame, as a client that crashed or lost its network.
    func hangUp() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// The status code of the upgrade's answer (101 when it went through); what follows stays in `received`.
    func status(within seconds: Double = 10) -> Int? {
        let separator = Array("\r\n\r\n".utf8)
        let deadline = Date().addingTimeInterval(seconds)
        while received.firstRange(of: separator) == nil {
            guard receive(until: deadline) else { return nil }
        }
        let end = received.firstRange(of: separator)!.upperBound
        let head = String(decoding: received[..<end], as: UTF8.self)
        var body = Array(received[end...])
        if let length = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
            .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }) {
            while body.count < length, receive(until: deadline) { body = Array(received[end...]) }
        }
        received = Array(received[end...])
        return head.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// One client frame (masked, as RFC 6455 requires of clients).
    static func frame(opcode: UInt8, fin: Bool = true, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            bytes.append(0x80 | UInt8(payload.count))
        } else {
            bytes.append(0x80 | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        bytes += mask
        bytes += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return bytes
    }

    /// Sends all of `bytes` unless the socket stays unable to take more for `seconds` (the peer stopped reading).
    func send(_ bytes: [UInt8], within seconds: Double) -> Bool {
        var offset = 0
        while offset < bytes.count {
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return false }
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written < 0, errno == EAGAIN { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Reads what arrives until `deadline`; false once nothing more will (silence until the deadline, EOF or reset).
    @discardableResult
    func receive(until deadline: Date) -> Bool {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return false }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(remaining * 1000) + 1) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        received += buffer[..<count]
        return true
    }

    /// Reads until the server ends the connection or `seconds` pass; whether it ended it.
    func readsToTheEnd(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while receive(until: deadline) {}
        return Date() < deadline
    }

    /// The server frames in `received` (unmasked, short): opcode and payload.
    var frames: [(opcode: UInt8, payload: [UInt8])] {
        var frames: [(UInt8, [UInt8])] = []
        var index = 0
        while index + 2 <= received.count {
            var length = Int(received[index + 1] & 0x7F), start = index + 2
            if length == 126 {
                guard start + 2 <= received.count else { break }
                length = Int(received[start]) << 8 | Int(received[start + 1])
                start += 2
            }
            guard start + length <= received.count else { break }
            frames.append((received[index] & 0x0F, Array(received[start..<(start + length)])))
            index = start + length
        }
        return frames
    }
}

/// Runs blocking socket work on a thread of its own, off the cooperative pool.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

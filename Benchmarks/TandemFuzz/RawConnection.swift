import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection to a server on loopback, driven byte by byte with blocking sockets: for requests no HTTP client
/// sends (malformed lines, huge headers, bodies that lie about their length) and for watching what the server does
/// with the connection afterwards. It blocks: use it from a thread of its own, never from the cooperative pool.
public final class RawConnection {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// An answer as read off the wire.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: String

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// The `error` field of a JSON error body.
        public var error: String? {
            ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any])?["error"] as? String
        }
    }

    private let descriptor: Int32
    private var pending: [UInt8] = []

    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw Failure(description: "connect to port \(port): \(reason)")
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Sends all of `text` (a refused write, e.g. after the server closed, is ignored: reading tells what happened).
    public func send(_ text: String) { send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Sends all of `bytes` unless the connection takes nothing for `seconds` or fails; whether all went.
    public func send(_ bytes: [UInt8], within seconds: Double) -> Bool {
        var offset = 0
        while offset < bytes.count {
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, Int32(seconds * 1000)) > 0, poller.revents & Int16(POLLOUT) != 0 else { return false }
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written < 0, errno == EAGAIN { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Ends the request stream, as a client that has sent everything it will send.
    public func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    private enum Received {
        case bytes([UInt8])
        case silence
        case closed
    }

    /// What arrives before `deadline`: bytes, nothing, or the end of the connection (EOF or reset).
    private func receive(until deadline: Date) -> Received {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return .silence }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(remaining * 1000) + 1) > 0 else { return .silence }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? .bytes(Array(buffer[..<count])) : .closed
    }

    /// What came back for a request.
    public enum Answer: Sendable {
        case response(Response)
        /// The server closed the connection after sending `received` bytes that were not a whole response.
        case closed(received: Int)
        /// Nothing, or not a whole response, within the time allowed.
        case silence(received: Int)
        /// Bytes that are not an HTTP/1.1 response head.
        case malformed(String)
    }

    /// Reads one response (status line, headers, `Content-Length` body); nil if the server closed or stayed silent.
    public func readResponse(timeout: Double = 10) -> Response? {
        if case .response(let response) = readAnswer(timeout: timeout) { return response }
        return nil
    }

    /// Reads one response and says what arrived instead when it is not one.
    /// `bodyless`: the answer to a HEAD request, whose `Content-Length` describes a body that is not sent.
    public func readAnswer(timeout: Double = 10, bodyless: Bool = false) -> Answer {
        let deadline = Date().addingTimeInterval(timeout)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = pending.firstRange(of: separator) {
                let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
                    return .malformed("status line '\(head.prefix(40))'")
                }
                let headers = lines.compactMap { line -> (name: String, value: String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                let length = bodyless ? 0 : headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
                while pending.count < end.upperBound + length {
                    switch receive(until: deadline) {
                    case .bytes(let bytes): pending += bytes
                    case .silence: return .silence(received: pending.count)
                    case .closed: return .closed(received: pending.count)
                    }
                }
                let body = String(decoding: pending[end.upperBound..<(end.upperBound + length)], as: UTF8.self)
                pending.removeFirst(end.upperBound + length)
                return .response(Response(status: status, headers: headers, body: body))
            }
            switch receive(until: deadline) {
            case .bytes(let bytes): pending += bytes
            case .silence: return .silence(received: pending.count)
            case .closed: return .closed(received: pending.count)
            }
        }
    }

    /// Whether the server closes the connection within `timeout` (bytes it sends meanwhile are dropped).
    public func closesWithin(_ timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if case .closed = receive(until: deadline) { return true }
        }
        return false
    }

    /// One request on a fresh connection, the answer read and the connection closed.
    public static func exchange(port: Int, _ request: String, timeout: Double = 10) throws -> Response? {
        let connection = try RawConnection(port: port)
        connection.send(request)
        return connection.readResponse(timeout: timeout)
    }
}

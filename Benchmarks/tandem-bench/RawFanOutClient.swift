import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thousands of idle websockets on bare TCP sockets, read by one thread through poll, recording when each
/// `wallet-update:N` arrives. A client task per socket (a websocket library) would spend more CPU on the shared
/// cores than the server it measures; this client costs one thread and a buffer.
final class RawFanOutClient: @unchecked Sendable {
    private var descriptors: [Int32] = []
    private var partial: [Int32: [UInt8]] = [:]
    private let lock = NSLock()
    private var arrivals: [Int: [UInt64]] = [:]
    private var stopped = false
    private var reader: Thread?

    /// Opens `count` websockets with `token`, one after the other; returns how many could not be opened.
    func open(count: Int, port: Int, token: String) -> Int {
        var failed = 0
        for _ in 0..<count {
            if let descriptor = Self.upgrade(port: port, token: token) { descriptors.append(descriptor) } else { failed += 1 }
        }
        return failed
    }

    var opened: Int { descriptors.count }

    /// Starts reading every socket's frames on a thread of its own.
    func startReading() {
        let thread = Thread { [self] in
            // poll over a few thousand descriptors costs tens of microseconds per call, once per burst of notices.
            var watched = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !lock.withLock({ stopped }) {
                guard poll(&watched, nfds_t(watched.count), 100) > 0 else { continue }
                let now = monotonicNanoseconds()
                for index in watched.indices where watched[index].revents != 0 {
                    watched[index].revents = 0
                    let descriptor = watched[index].fd
                    let count = recv(descriptor, &buffer, buffer.count, 0)
                    if count <= 0 {
                        watched[index].fd = -1  // ended: poll skips negative descriptors
                        continue
                    }
                    frames(descriptor, Array(buffer[..<count]), at: now)
                }
            }
        }
        thread.start()
        reader = thread
    }

    /// Arrival times of `wallet-update:<sequence>`.
    func arrivals(of sequence: Int) -> [UInt64] { lock.withLock { arrivals[sequence] ?? [] } }

    func close() {
        lock.withLock { stopped = true }
        while reader?.isFinished == false { usleep(10_000) }
        for descriptor in descriptors { Glibc.close(descriptor) }
        descriptors = []
    }

    /// Server frames are unmasked; notices and pings are short.
    private func frames(_ descriptor: Int32, _ bytes: [UInt8], at time: UInt64) {
        var data = (partial.removeValue(forKey: descriptor) ?? []) + bytes
        while data.count >= 2 {
            let length = Int(data[1] & 0x7F)
            guard length < 126, data.count >= 2 + length else { break }
            let opcode = data[0] & 0x0F
            let payload = Array(data[2..<(2 + length)])
            data.removeFirst(2 + length)
            if opcode == 0x1, let text = String(bytes: payload, encoding: .utf8), text.hasPrefix("wallet-update:"),
               let sequence = Int(text.dropFirst("wallet-update:".count)) {
                lock.withLock { arrivals[sequence, default: []].append(time) }
            } else if opcode == 0x9 {
                // Answer pings, as a live client does; a client's frames are masked (an all-zero mask).
                let pong: [UInt8] = [0x8A, 0x80 | UInt8(payload.count), 0, 0, 0, 0] + payload
                _ = pong.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
        if !data.isEmpty { partial[descriptor] = data }
    }

    private static func upgrade(port: Int, token: String) -> Int32? {
        for _ in 1...3 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let request = "GET /api/3/websocket?token=\(token) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            if connected == 0, Array(request.utf8).withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) > 0 {
                // The 101 answer has no body and nothing follows it until a notice: read up to its blank line.
                var head: [UInt8] = []
                var byte: UInt8 = 0
                while recv(descriptor, &byte, 1, 0) == 1 {
                    head.append(byte)
                    if head.count >= 4, head.suffix(4) == [13, 10, 13, 10] { break }
                }
                if head.starts(with: Array("HTTP/1.1 101".utf8)) { return descriptor }
            }
            Glibc.close(descriptor)
            usleep(200_000)
        }
        return nil
    }
}

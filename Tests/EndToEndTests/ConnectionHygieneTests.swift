import Foundation
import TandemFuzz
import Testing

/// What a real server does with connections that misbehave: every one is answered or closed in bounded time, with
/// the JSON error body for anything it answers, never a 500, never a socket left behind.
@Suite struct ConnectionHygieneTests {
    /// A server with one-second request and idle timeouts, logging to a file the test reads afterwards.
    final class ShortTimeoutServer: Sendable {
        let server: ServerProcess
        let folder: TemporaryFolder
        var port: Int { server.port }
        var logFile: URL { folder.url.appendingPathComponent("server.log") }

        init(extra: [String] = []) async throws {
            folder = try TemporaryFolder()
            server = try await ServerProcess.start(
                arguments: ServerProcess.sqliteArguments(in: folder.url) + ["--request-timeout", "1", "--idle-timeout", "1"] + extra,
                logFile: folder.url.appendingPathComponent("server.log"))
        }

        /// Stops the server and returns what it logged at error level or above.
        func stop() -> [String] {
            #expect(server.stop() == 0)
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            return log.split(separator: "\n").map(String.init).filter { $0.contains(" error ") || $0.contains(" critical ") }
        }
    }

    static func head(_ target: String, _ extra: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\r\n"
    }

    @Test func silentPartialAndStalledRequestsAreClosedWithinTheTimeout() async throws {
        let server = try await ShortTimeoutServer()
        let port = server.port
        try await onOwnThread {
            let silent = try RawConnection(port: port)
            let partialHead = try RawConnection(port: port)
            partialHead.send("GET /api/3/wallet?token=ab HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let stalledBody = try RawConnection(port: port)
            stalledBody.send("POST /api/3/wallet HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"token\":")
            #expect(silent.closesWithin(5), "a connection that sends nothing")
            #expect(partialHead.closesWithin(5), "a head that never ends")
            let answer = stalledBody.readResponse(timeout: 5)
            #expect(answer?.status == 408)
            #expect(answer?.error == "Request Timeout: The request did not arrive in time")
            #expect(stalledBody.closesWithin(5))
        }
        #expect(server.stop() == [])
    }

    @Test func anIdleKeptAliveConnectionIsClosed() async throws {
        let server = try await ShortTimeoutServer()
        let port = server.port
        try await onOwnThread {
            let connection = try RawConnection(port: port)
            connection.send(Self.head("/metrics"))
            #expect(connection.readResponse()?.status == 200)
            #expect(connection.closesWithin(5))
        }
        #expect(server.stop() == [])
    }

    @Test func malformedRequestLinesAndOversizedHeadsGetJSONAnswers() async throws {
        let server = try await ShortTimeoutServer()
        let port = server.port
        let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03] + Array(repeating: 0x2a, count: 64)
        let cases: [(request: [UInt8], status: Int, error: String)] = [
            (Array("GARBAGE\r\n\r\n".utf8), 400, "Bad Request: Malformed HTTP request"),
            (Array("GET / HTTP/1.1 extra\r\n\r\n".utf8), 400, "Bad Request: Malformed HTTP request"),
            (clientHello, 400, "Bad Request: Malformed HTTP request"),
            (Array(Self.head("/metrics", "X-Padding: \(String(repeating: "a", count: 100_000))\r\n").utf8), 431,
             "Request Header Fields Too Large: Request head is larger than 16384 bytes"),
            (Array(Self.head("/api/3/wallet?token=\(String(repeating: "a", count: 10_000))").utf8), 414,
             "URI Too Long: Request target is longer than 8192 bytes"),
        ]
        try await onOwnThread {
            for (request, status, error) in cases {
                let connection = try RawConnection(port: port)
                connection.send(request)
                let answer = connection.readResponse()
                #expect(answer?.status == status, "\(String(decoding: request.prefix(20), as: UTF8.self))")
                #expect(answer?.error == error)
                #expect(answer?.header("Content-Type") == "application/json")
                #expect(connection.closesWithin(5))
            }
        }
        #expect(server.stop() == [])
    }

    @Test func brokenBodiesAre400NeverA500() async throws {
        let server = try await ShortTimeoutServer()
        let port = server.port
        try await onOwnThread {
            let chunked = try RawConnection(port: port)
            chunked.send("POST /api/3/wallet HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            let chunkedAnswer = chunked.readResponse()
            #expect(chunkedAnswer?.status == 400)
            #expect(chunkedAnswer?.error == "Bad Request: Malformed request body")

            let short = try RawConnection(port: port)
            short.send("POST /api/3/auth/full HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{\"email\":")
            short.shutdownWrite()
            let shortAnswer = short.readResponse()
            #expect(shortAnswer == nil || shortAnswer?.status == 400, "\(String(describing: shortAnswer?.status))")
            #expect(short.closesWithin(5))
        }
        #expect(server.stop() == [], "nothing is logged as an error")
    }

    /// Before the gate, each of these requests went unanswered and left its socket in CLOSE-WAIT for good.
    @Test func upgradeRequestsWithABodyAreAnsweredAndLeaveNoSocketBehind() async throws {
        let server = try await ShortTimeoutServer()
        let port = server.port, pid = server.server.process.processIdentifier
        let descriptorsBefore = Self.openDescriptors(of: pid)
        let upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nContent-Length: 5\r\n"
        try await onOwnThread {
            for index in 0..<300 {
                let target = ["/api/3/wallet", "/api/3/websocket?token=abc", "/nowhere"][index % 3]
                let method = index % 2 == 0 ? "POST" : "GET"
                let connection = try RawConnection(port: port)
                connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(upgrade)\r\nhello")
                let answer = connection.readResponse()
                #expect(answer.map { (400..<500).contains($0.status) && $0.error != nil } == true,
                        "\(method) \(target): \(String(describing: answer?.status)) \(answer?.body ?? "")")
            }
        }
        var lingering = Int.max
        for _ in 0..<50 where lingering > 0 {
            try await Task.sleep(for: .milliseconds(100))
            lingering = Self.socketsInCloseWait(port: port)
        }
        #expect(lingering == 0, "sockets left in CLOSE-WAIT")
        #expect(Self.openDescriptors(of: pid) <= descriptorsBefore + 5)
        #expect(server.stop() == [])
    }

    /// Sockets of this network namespace whose local port is `port` and whose state is CLOSE-WAIT (08).
    static func socketsInCloseWait(port: Int) -> Int {
        let hexPort = String(format: ":%04X", port)
        return ["/proc/net/tcp", "/proc/net/tcp6"].reduce(0) { count, table in
            let lines = ((try? String(contentsOfFile: table, encoding: .utf8)) ?? "").split(separator: "\n").dropFirst()
            return count + lines.filter { line in
                let fields = line.split(separator: " ")
                return fields.count > 3 && fields[1].hasSuffix(hexPort) && fields[3] == "08"
            }.count
        }
    }

    static func openDescriptors(of pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
    }
}

import Foundation
import TandemFuzz
import Synchronization
import Testing

/// A real server under many simultaneous clients: no number of concurrent requests may starve its executor.
@Suite struct ConcurrencyTests {
    /// Each client alternates the two hottest reads, every request on a new connection. Before the SQLite reads left
    /// the cooperative pool, eight such clients deadlocked the server for good.
    @Test func manyConcurrentReadsOnNewConnectionsLeaveTheServerResponsive() async throws {
        let directory = try TemporaryFolder()
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory.url))
        let port = server.port
        let clients = 64, rounds = 16
        let answered = AnswerCount()
        try await onThreads(clients) { client in
            let email = Data("client\(client)@example.com".utf8).base64EncodedString()
            for round in 0..<rounds {
                let target = round.isMultiple(of: 2)
                    ? "/api/3/wallet?token=\(String(repeating: "ab", count: 32))"
                    : "/api/3/client-salt-seed?email=\(email)"
                let response = try? RawConnection.exchange(
                    port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout: 15)
                guard let response, [401, 404].contains(response.status) else { return }  // a stalled server: stop early
                answered.value.wrappingAdd(1, ordering: .relaxed)
            }
        }
        let metrics = try await onOwnThread {
            try RawConnection.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout: 5)
        }
        let healthy = metrics?.status == 200
        if !healthy { kill(server.process.processIdentifier, SIGKILL) }  // a deadlocked server ignores SIGTERM
        _ = server.stop()
        #expect(healthy, "/metrics answers within 5 s after the burst")
        #expect(answered.value.load(ordering: .relaxed) == clients * rounds, "every request of every client was answered")
    }
}

/// Runs `body` on `count` threads of their own at once and waits for all of them, off the cooperative pool.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async throws {
    try await onOwnThread {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }
}

/// A `TemporaryDirectory` removed when the last reference goes: keep it alive as long as a server uses its files.
final class TemporaryFolder: Sendable {
    let url: URL
    init() throws { url = try TemporaryDirectory.make("e2e") }
    deinit { try? FileManager.default.removeItem(at: url) }
}

final class AnswerCount: Sendable {
    let value = Atomic(0)
}

import Foundation
import TandemFuzz
import Testing

/// Password hashing under abuse: abandoned log-ins cost nothing, and limits answer 429 with `Retry-After`.
@Suite struct LoginLoadTests {
    static let seed = String(repeating: "4e", count: 32)

    /// Before the bounded queue, 200 log-ins sent and dropped kept a server busy for many seconds of full-cost
    /// scrypt, and a real log-in waited behind all of them.
    @Test func abandonedLoginsAreNotHashedAndARealLoginGoesThrough() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: folder.url))
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password", "clientSaltSeed": Self.seed]).status == 201)
        let port = server.port
        let body = #"{"deviceId":"d","email":"joe@example.com","password":"wrong-password"}"#
        try await onOwnThread {
            for _ in 0..<200 {
                let connection = try RawConnection(port: port)
                connection.send("POST /api/3/auth/full HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            }  // each connection closes as it goes out of scope, unanswered
        }
        // Right after the burst the queue may still hold abandoned requests until their turn drops them: then the
        // answer is 503 with Retry-After, and a client that waits as told gets in.
        var login = try await http.post("/api/3/auth/full", ["deviceId": "laptop", "email": "joe@example.com", "password": "login-password"])
        for _ in 0..<10 where login.status == 503 {
            try await Task.sleep(for: .seconds(2))
            login = try await http.post("/api/3/auth/full", ["deviceId": "laptop", "email": "joe@example.com", "password": "login-password"])
        }
        #expect(login.status == 200)
        let hashes = try await Self.hashCounts(port: port)
        // Abandoned requests are dropped at the latest when their turn in the hashing queue comes (many earlier).
        #expect(hashes["performed", default: 0] <= 50, "\(hashes): most abandoned log-ins were never hashed")
        #expect(hashes["performed", default: 0] >= 2, "\(hashes): the sign-up and the real log-in were")
        #expect(hashes["dropped", default: 0] + hashes["refused", default: 0] >= 150, "\(hashes)")
        _ = server.stop()
    }

    @Test func overALimitIs429WithRetryAfter() async throws {
        let folder = try TemporaryFolder()
        let arguments = Array(ServerProcess.sqliteArguments(in: folder.url).dropLast(2)) + ["--rate-limit", "salt-seed=3/min"]
        let server = try await ServerProcess.start(arguments: arguments)
        let port = server.port
        let email = Data("nobody@example.com".utf8).base64EncodedString()
        let answers = try await onOwnThread {
            try (0..<4).map { _ in
                try RawConnection.exchange(port: port, "GET /api/3/client-salt-seed?email=\(email) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            }
        }
        #expect(answers.prefix(3).map { $0?.status } == [404, 404, 404])
        #expect(answers[3]?.status == 429)
        #expect(answers[3]?.error == "Too Many Requests: Too many salt seed lookups from this address")
        #expect(answers[3]?.header("Retry-After").flatMap(Int.init).map { (1...20).contains($0) } == true)
        _ = server.stop()
    }

    /// `tandem_password_hashes_total` by outcome, from `/metrics`.
    static func hashCounts(port: Int) async throws -> [String: Int] {
        let metrics = try await onOwnThread {
            try RawConnection.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        }
        var counts: [String: Int] = [:]
        for line in (metrics?.body ?? "").split(separator: "\n") where line.hasPrefix("tandem_password_hashes_total{") {
            guard let outcome = line.split(separator: "\"").dropFirst().first, let value = line.split(separator: " ").last,
                  let number = Double(value) else { continue }
            counts[String(outcome)] = Int(number)
        }
        return counts
    }
}

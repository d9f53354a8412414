import Foundation
import Testing

/// Two real `tandem-server` processes on one PostgreSQL database, as behind a load balancer: a device's socket on one
/// instance hears about writes made through the other, and both ride out a crash and restart of PostgreSQL.
@Suite(.serialized, .enabled(if: PostgresFixture.isConfigured, PostgresFixture.notConfigured))
struct PostgresMultiInstanceTests {
    static let seed = String(repeating: "5c", count: 32)
    static let email = "joe@example.com"

    /// Two instances on a new database, logging into files of their own.
    struct Cluster {
        let a: ServerProcess
        let b: ServerProcess
        let logs: URL
        let database: String

        init() throws {
            database = try PostgresFixture.makeDatabase()
            logs = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            // The URL goes in the environment, as in production: arguments are visible to every local user.
            let arguments = ["--verification-mode", "AllowAll", "--database-pool-size", "4"]
            a = try ServerProcess(arguments: arguments, environment: ["DATABASE_URL": database],
                                  logFile: logs.appendingPathComponent("a.log"))
            b = try ServerProcess(arguments: arguments, environment: ["DATABASE_URL": database],
                                  logFile: logs.appendingPathComponent("b.log"))
        }

        func log(of name: String) -> String {
            (try? String(contentsOf: logs.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
        }

        func stop() {
            #expect(a.stop() == 0)
            #expect(b.stop() == 0)
            let password = PostgresFixture.password ?? "\u{0}"
            #expect(!log(of: "a").contains(password) && !log(of: "b").contains(password), "the password stays out of logs")
            try? FileManager.default.removeItem(at: logs)
            try? PostgresFixture.dropDatabase(database)
        }
    }

    /// Two instances on a fresh database, and an account signed up through instance A.
    static func signedUpCluster() async throws -> (Cluster, httpA: HTTPClient, httpB: HTTPClient) {
        let cluster = try await onOwnThread { try Cluster() }
        let httpA = HTTPClient(baseURL: cluster.a.baseURL), httpB = HTTPClient(baseURL: cluster.b.baseURL)
        #expect(try await httpA.post("/api/3/signup", ["email": email, "password": "login-password",
                                                       "clientSaltSeed": seed]).status == 201)
        return (cluster, httpA, httpB)
    }

    static func logIn(_ http: HTTPClient, device: String, password: String = "login-password") async throws -> String {
        let reply = try await http.post("/api/3/auth/full", ["deviceId": device, "email": email, "password": password])
        return try #require(reply.json["token"] as? String, "login of \(device): \(reply.status)")
    }

    /// GETs the wallet with each token until the instance holds exactly these in its token cache: a log-in's relayed
    /// event may arrive after a first GET and drop the account's tokens again.
    static func cache(_ tokens: [String], on http: HTTPClient, status: Int) async throws {
        for _ in 0..<100 {
            for token in tokens { #expect(try await http.get("/api/3/wallet?token=\(token)").status == status) }
            if try await http.metric("tandem_token_cache_tokens") == Double(tokens.count) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the tokens never stayed in the instance's cache")
    }

    static func upload(_ http: HTTPClient, token: String, sequence: Int) async throws -> HTTPClient.Reply {
        try await http.post("/api/3/wallet", ["token": token, "encryptedWallet": "tandem1:wallet-\(sequence)",
                                              "sequence": sequence, "hmac": "hmac-\(sequence)"])
    }

    @Test func writesAndPasswordChangesThroughOneInstanceReachSocketsOnTheOther() async throws {
        let (cluster, httpA, httpB) = try await Self.signedUpCluster()
        defer { cluster.stop() }
        let desktop = try await Self.logIn(httpA, device: "desktop")
        let laptop = try await Self.logIn(httpB, device: "laptop")
        let phone = try await Self.logIn(httpB, device: "phone")
        let onA = try await NoticeSocket.open(to: cluster.a, token: desktop, expectedOpen: 1)
        let onB = try await NoticeSocket.open(to: cluster.b, token: phone, expectedOpen: 1)

        #expect(try await Self.upload(httpB, token: laptop, sequence: 1).status == 200)
        #expect(try await onA.waitForNotice(1), "a write through B reaches a socket on A")
        #expect(try await Self.upload(httpA, token: desktop, sequence: 2).status == 200)
        #expect(try await onB.waitForNotice(2), "a write through A reaches a socket on B")
        #expect(try await onA.waitForNotice(2), "and the writer's own instance")
        try await Task.sleep(for: .milliseconds(500))  // room for a duplicate to show up
        #expect(onA.sequences == [1, 2])
        #expect(onB.sequences == [1, 2])
        #expect(try await httpA.get("/api/3/wallet?token=\(desktop)").status == 200)
        #expect(try await httpA.get("/api/3/wallet?token=\(desktop)").status == 200, "A answers from its cache")
        #expect(try await httpA.metric("tandem_token_cache_tokens") == 1)

        let change = try await httpB.post("/api/3/password", [
            "email": Self.email, "oldPassword": "login-password", "newPassword": "new-login-password",
            "clientSaltSeed": String(repeating: "6d", count: 32),
            "encryptedWallet": "tandem1:wallet-3", "sequence": 3, "hmac": "hmac-3"])
        #expect(change.status == 200)
        for socket in [onA, onB] {
            let frame = try await socket.closed.value
            #expect(frame?.closeCode == .unknown(4001))
            #expect(frame?.reason == "password changed")
        }
        #expect(onA.sequences == [1, 2], "a password change closes sockets without a wallet notice")
        #expect(try await httpA.get("/api/3/wallet?token=\(desktop)").status == 401, "old tokens stop working everywhere")
        #expect(try await httpA.metric("tandem_postgres_listening") == 1)
        #expect(try await httpA.metric("tandem_postgres_listen_reconnects_total") == 0)
    }

    @Test(.enabled(if: PostgresFixture.canRestart, PostgresFixture.cannotRestart))
    func serversRideOutAPostgresRestartAndLoseNoAcknowledgedWrite() async throws {
        let (cluster, httpA, httpB) = try await Self.signedUpCluster()
        defer { cluster.stop() }
        let writerA = try await Self.logIn(httpA, device: "writer-a")
        let writerB = try await Self.logIn(httpB, device: "writer-b")
        let watch = try await Self.logIn(httpA, device: "watch")
        let onA = try await NoticeSocket.open(to: cluster.a, token: watch, expectedOpen: 1)

        // One writer alternates between the instances; PostgreSQL crashes and restarts after the 10th write.
        let last = 30
        var sequence = 1
        var acknowledged: [Int] = []
        var restart: Task<Void, any Error>?
        let deadline = ContinuousClock.now + .seconds(120)
        while sequence <= last, ContinuousClock.now < deadline {
            if sequence == 11, restart == nil {
                restart = Task.detached { try PostgresFixture.restart() }
            }
            let (http, token) = sequence.isMultiple(of: 2) ? (httpB, writerB) : (httpA, writerA)
            switch try? await Self.upload(http, token: token, sequence: sequence).status {
            case 200:
                acknowledged.append(sequence)
                sequence += 1
            case 409:
                // The write may have committed while its answer was lost; then the stored wallet is ours.
                let stored = try? await http.get("/api/3/wallet?token=\(token)")
                if stored?.json["encryptedWallet"] as? String == "tandem1:wallet-\(sequence)" { sequence += 1 }
            default:
                try await Task.sleep(for: .milliseconds(100))  // the database is down; try again
            }
        }
        try await #require(restart).value
        #expect(sequence == last + 1, "every write eventually landed")
        #expect(acknowledged.contains { $0 > 11 }, "writes were acknowledged after the restart")

        for http in [httpA, httpB] {
            let wallet = try await http.get("/api/3/wallet?token=\(writerA)")
            #expect(wallet.json["sequence"] as? Int == last, "no acknowledged write is lost")
            #expect(wallet.json["encryptedWallet"] as? String == "tandem1:wallet-\(last)")
        }
        #expect(try await onA.waitForNotice(last), "the socket on A heard the last write")
        let heard = onA.sequences
        #expect(heard == heard.sorted() && Set(heard).count == heard.count, "in order, none twice: \(heard)")
        #expect(Set(acknowledged).isSubset(of: Set(heard)), "every acknowledged write was notified: \(heard)")

        #expect(cluster.a.process.isRunning && cluster.b.process.isRunning, "the servers were not restarted")
        for http in [httpA, httpB] {
            #expect(try await eventually { try await http.metric("tandem_postgres_listening") == 1 })
            #expect(try await http.metric("tandem_postgres_listen_reconnects_total") ?? 0 >= 1)
        }
        #expect(cluster.log(of: "a").contains("PostgreSQL LISTEN connection lost"))
        #expect(cluster.log(of: "a").contains("PostgreSQL LISTEN connection re-established"))
    }

    @Test func aRefusedDatabaseLoginStopsTheServerWithOneLineAndNoPassword() throws {
        let database = try PostgresFixture.makeDatabase()
        var components = try #require(URLComponents(string: database))
        components.password = "wrong-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server")
        process.arguments = ["--port", "0", "--log-level", "critical"]
        process.environment = ProcessInfo.processInfo.environment.merging(["DATABASE_URL": try #require(components.string)]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 69)
        #expect(message.hasPrefix("tandem-server: cannot use the PostgreSQL database postgres://"))
        #expect(message.contains("28P01"), "says why: \(message)")
        #expect(message.split(separator: "\n").count == 1)
        #expect(!message.contains(components.password!) && !message.contains(PostgresFixture.password ?? "\u{0}"))
        try? PostgresFixture.dropDatabase(database)
    }
}

/// Configuration mistakes with a PostgreSQL URL, refused before anything starts (no database needed).
@Suite struct PostgresConfigurationTests {
    func refusal(_ arguments: [String]) throws -> (status: Int32, message: String) {
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server")
        process.arguments = ["--port", "0"] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test func aMalformedURLIsRefusedWithoutRepeatingThePassword() throws {
        let (status, message) = try refusal(["--database", "postgres://joe:s3cret@/tandem"])
        #expect(status == 78)
        #expect(message.hasPrefix("tandem-server: invalid PostgreSQL URL: no host"))
        #expect(message.split(separator: "\n").count == 1)
        #expect(!message.contains("s3cret"))
    }

    @Test func aBadPoolSizeIsRefused() throws {
        let (status, message) = try refusal(["--database", "postgres://joe@localhost/tandem", "--database-pool-size", "0"])
        #expect(status == 78)
        #expect(message == "tandem-server: invalid database pool size '0' (expected 1 to 1000)\n")
    }
}

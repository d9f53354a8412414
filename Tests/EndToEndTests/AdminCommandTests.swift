import Foundation
import NIOWebSocket
import Testing

/// `tandem-server admin` against the SQLite database a running server uses, as separate processes.
@Suite(.serialized) struct AdminCommandTests {
    static let seed = String(repeating: "3e", count: 32)

    @Test func listVerifyDevicesAndDeleteWhileTheServerRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:\(directory.path)/server.sqlite"
        let server = try await ServerProcess.start(arguments: [
            "--database", database, "--verification-mode", "EmailVerify", "--log-level", "critical"])
        defer { #expect(server.stop() == 0) }
        let http = HTTPClient(baseURL: server.baseURL)
        let admin = AdminProcess(database: database)
        for email in ["Joe@Example.com", "ann@example.org"] {
            #expect(try await http.post("/api/3/signup", ["email": email, "password": "login-password",
                                                          "clientSaltSeed": Self.seed]).status == 201)
        }
        let login = ["deviceId": "laptop\u{1B}[31m", "email": "joe@example.com", "password": "login-password"]
        #expect(try await http.post("/api/3/auth/full", login).status == 401, "not verified yet")

        var list = try await admin.run("accounts", "list", "--json")
        #expect(list.status == 0, "\(list.errors)")
        var accounts = try #require(list.json["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["email"] as? String } == ["ann@example.org", "Joe@Example.com"])
        #expect(accounts.map { $0["verified"] as? Bool } == [false, false])
        #expect(Set(accounts[0].keys) == ["id", "email", "verified", "createdAt", "devices", "lastSeenAt", "walletSequence"])

        let verify = try await admin.run("accounts", "verify", "JOE@example.com")
        #expect(verify.status == 0)
        #expect(verify.output == "verified Joe@Example.com\n")
        #expect(try await admin.run("accounts", "verify", "joe@example.com").output == "Joe@Example.com was already verified\n")
        let token = try #require(try await http.post("/api/3/auth/full", login).json["token"] as? String)
        #expect(try await http.post("/api/3/wallet", ["token": token, "encryptedWallet": "w", "sequence": 1, "hmac": "h"]).status == 200)

        list = try await admin.run("accounts", "list", "--json", "--filter", "EXAMPLE.COM")
        accounts = try #require(list.json["accounts"] as? [[String: Any]])
        #expect(accounts.count == 1)
        #expect(accounts.first?["devices"] as? Int == 1)
        #expect(accounts.first?["walletSequence"] as? Int == 1)
        #expect((accounts.first?["lastSeenAt"] as? String)?.hasSuffix(":00Z") == true)
        let table = try await admin.run("accounts", "list")
        #expect(table.output.hasPrefix("EMAIL"), "\(table.output)")
        #expect(table.output.split(separator: "\n").count == 3)

        let devices = try await admin.run("devices", "joe@example.com")
        #expect(devices.status == 0)
        #expect(devices.output.contains("laptop\\u{1b}[31m"), "a client's escape sequence never reaches the terminal")
        #expect(!devices.output.contains("\u{1B}"))
        let devicesJSON = try await admin.run("devices", "joe@example.com", "--json")
        #expect((devicesJSON.json["devices"] as? [[String: Any]])?.map { $0["deviceId"] as? String } == [login["deviceId"]])
        for output in [list.output, table.output, devices.output, devicesJSON.output] {
            #expect(!output.contains(token) && !output.contains(Self.seed) && !output.contains("login-password"),
                    "no secret is ever shown")
        }

        // The token is in the server's cache now: only the admin event it polls can take it out.
        #expect(try await http.get("/api/3/wallet?token=\(token)").status == 200)
        #expect(try await http.get("/api/3/wallet?token=\(token)").status == 200)
        #expect(try await http.metric("tandem_token_cache_tokens") == 1)
        let socket = try await NoticeSocket.open(to: server, token: token, expectedOpen: 1)
        let started = ContinuousClock.now
        let deleted = try await admin.run("accounts", "delete", "joe@example.com")
        #expect(deleted.status == 0, "\(deleted.errors)")
        #expect(deleted.output.hasPrefix("deleted Joe@Example.com"))
        let close = try await socket.closed.value
        #expect(close?.closeCode == .unknown(4003), "the running server polls the admin's events")
        #expect(close?.reason == "account deleted")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await http.get("/api/3/wallet?token=\(token)").status == 401,
                "the poll that closed the socket also took the token out of the cache")
        #expect(try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password",
                                                      "clientSaltSeed": Self.seed]).status == 201, "the email is free again")

        let missing = try await admin.run("accounts", "delete", "nobody@example.com")
        #expect(missing.status == 1)
        #expect(missing.errors == "tandem-server: no account with the email nobody@example.com\n")
        #expect(try await admin.run("devices", "nobody@example.com").status == 1)
    }

    @Test func aMissingDatabaseIsReportedNotCreated() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-e2e-\(UUID().uuidString).sqlite").path
        let result = try await AdminProcess(database: "sqlite:\(path)").run("accounts", "list")
        #expect(result.status == 69)
        #expect(result.errors == "tandem-server: no database at \(path)\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        let bad = try await AdminProcess(database: "mysql://joe:s3cret@host/db").run("accounts", "list")
        #expect(bad.status == 78)
        #expect(!bad.errors.contains("s3cret"))
    }
}

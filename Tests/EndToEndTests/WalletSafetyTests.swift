import Foundation
import TandemCore
import TandemCrypto
import TandemWire
import Testing

/// What a device does when the server's wallet cannot be trusted: rolled back, tampered with or foreign.
@Suite(.serialized) struct WalletSafetyTests {
    static let email = "joe@example.com"

    @Test func aServerRestoredFromAnOldBackupIsRefusedAsARollback() async throws {
        let directory = try TemporaryDirectory.make("rollback")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ServerProcess.sqliteArguments(in: directory)
        let database = directory.appendingPathComponent("server.sqlite")
        var server = try await ServerProcess.start(arguments: arguments)
        let device = try await Device.make("laptop", in: directory)
        #expect(try await device.engine.register(server: server.baseURL, email: Self.email, password: "pw").isSuccess)
        try await device.engine.setPreference("a", to: "1")
        #expect(await device.engine.sync() == .synced(sequence: 1))
        // Back up the server at sequence 1 (stopped, so the WAL is checkpointed into the file).
        _ = server.stop()
        let backup = directory.appendingPathComponent("backup.sqlite")
        try FileManager.default.copyItem(at: database, to: backup)
        server = try await ServerProcess.start(arguments: arguments + ["--port", String(server.port)])
        try await device.engine.setPreference("a", to: "2")
        #expect(await device.engine.sync() == .synced(sequence: 2))
        // Restore the old backup.
        _ = server.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        try FileManager.default.copyItem(at: backup, to: database)
        server = try await ServerProcess.start(arguments: arguments + ["--port", String(server.port)])
        defer { _ = server.stop() }

        #expect(await device.engine.pull() == .rollbackRefused(remote: 1, synced: 2))
        let snapshot = await device.snapshot
        #expect(snapshot.syncedSequence == 2, "the device keeps what it synced")
        #expect(snapshot.preferences["a"] == "2")
    }

    @Test func tamperedAndForeignWalletsAreReportedAndNeverOverwritten() async throws {
        let directory = try TemporaryDirectory.make("foreign")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let device = try await Device.make("laptop", in: directory)
        #expect(try await device.engine.register(server: server.baseURL, email: Self.email, password: "pw").isSuccess)

        // Another client of the same account (it knows the password) writes wallets Tandem cannot read.
        let http = HTTPClient(baseURL: server.baseURL)
        let seed = try #require(try await http.get("/api/3/client-salt-seed?email=\(EmailQuery.encode(Self.email))").json["clientSaltSeed"] as? String)
        let keys = try await KeyDerivation.deriveKeys(password: "pw", email: Self.email, clientSaltSeed: seed, cost: Device.testCost)
        let token = try #require(try await http.post("/api/3/auth/full", ["deviceId": "other", "email": Self.email,
                                                                          "password": keys.loginPassword]).json["token"] as? String)
        #expect(try await http.post("/api/3/wallet", ["token": token, "encryptedWallet": "tampered", "sequence": 1, "hmac": "00"]).status == 200)
        try await device.engine.setPreference("mine", to: "local")
        let tampered = await device.engine.sync()
        guard case .unreadableWallet(let reason) = tampered else { Issue.record("expected an unreadable wallet, got \(tampered)"); return }
        #expect(reason.contains("HMAC does not match"), "\(reason)")

        let foreign = "lbry-wallet-blob"
        #expect(try await http.post("/api/3/wallet", [
            "token": token, "encryptedWallet": foreign, "sequence": 2,
            "hmac": WalletHMAC.sign(sequence: 2, encryptedWallet: foreign, hmacKey: keys.hmacKey),
        ]).status == 200)
        let foreignOutcome = await device.engine.sync()
        guard case .unreadableWallet(let why) = foreignOutcome else { Issue.record("expected an unreadable wallet, got \(foreignOutcome)"); return }
        #expect(why.contains("another (non-Tandem) client"), "\(why)")
        let stored = try await http.get("/api/3/wallet?token=\(token)")
        #expect(stored.json["encryptedWallet"] as? String == foreign, "never overwritten")
        #expect(await device.snapshot.preferences["mine"] == "local", "and the local edit is kept")
    }
}

import Foundation
import HummingbirdTesting
import Testing

/// `POST /password`: one transaction that logs every device out.
@Suite struct PasswordAPITests {
    static let newSeed = String(repeating: "c0", count: 32)

    func change(_ client: some TestClientProtocol, old: String = Flow.password, new: String = "login-password-2",
                wallet: (String, Int)? = nil, extra: [String: Any] = [:]) async throws -> APIResponse {
        var body: [String: Any] = ["email": "joe@example.com", "oldPassword": old, "newPassword": new, "clientSaltSeed": Self.newSeed]
        if let (blob, sequence) = wallet {
            body["encryptedWallet"] = blob
            body["sequence"] = sequence
            body["hmac"] = "hmac\(sequence)"
        }
        return try await client.call(.post, "/api/3/password", json: body.merging(extra) { $1 })
    }

    @Test func changeWithoutAWalletLogsEveryDeviceOutAndUpdatesTheSeed() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let response = try await change(client)
            #expect(response.status == 200)
            #expect(response.text == "{}")
            #expect(try await client.call(.get, "/api/3/wallet?token=\(laptop)").status == 401)
            #expect(try await client.call(.get, "/api/3/wallet?token=\(desktop)").status == 401)
            let seed = try await client.call(.get, "/api/3/client-salt-seed?email=\(Data("joe@example.com".utf8).base64EncodedString())")
            #expect(seed["clientSaltSeed"] as? String == Self.newSeed)
            let old = try await client.call(.post, "/api/3/auth/full", json: ["deviceId": "laptop", "email": "joe@example.com", "password": Flow.password])
            #expect(old.status == 401)
            _ = try await Flow.login(client, password: "login-password-2")
        }
    }

    @Test func anExistingWalletMustComeReencryptedWithTheNextSequence() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            _ = try await Flow.postWallet(client, token: token, sequence: 1)
            let withoutWallet = try await change(client)
            #expect(withoutWallet.status == 409)
            #expect(withoutWallet.error == "Conflict: Wallet exists; need an updated wallet when changing password")
            #expect(try await change(client, wallet: ("reencrypted", 1)).status == 409)
            #expect(try await change(client, wallet: ("reencrypted", 2)).status == 200)
            let fresh = try await Flow.login(client, password: "login-password-2")
            let stored = try await client.call(.get, "/api/3/wallet?token=\(fresh)")
            #expect(stored["encryptedWallet"] as? String == "reencrypted")
            #expect(stored["sequence"] as? Int == 2)
        }
    }

    /// LBRY's server answers 409 here, and its clients rely on it: without a wallet they must omit the fields.
    @Test func walletFieldsForAnAccountWithoutAWalletAre409() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let response = try await change(client, wallet: ("first", 1))
            #expect(response.status == 409)
            #expect(response.error == "Conflict: Bad sequence number or wallet does not exist")
            #expect(try await client.call(.get, "/api/3/wallet?token=\(token)").status == 404, "no wallet was created")
            _ = try await Flow.login(client)  // and the password did not change
        }
    }

    @Test func refusals() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            #expect(try await change(client, old: "wrong-password").status == 401)
            #expect(try await change(client, new: Flow.password).status == 400, "old == new")
            #expect(try await change(client, extra: ["sequence": 1]).status == 400, "wallet fields all or none")
            #expect(try await change(client, extra: ["clientSaltSeed": "xyz"]).status == 400)
            #expect(try await change(client, new: "short").status == 400)
            _ = try await Flow.login(client)
        }
    }
}

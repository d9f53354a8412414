import Foundation
import HummingbirdTesting
import Testing

/// `POST /account/delete`: the password checked like a log-in, everything of the account gone, the email free again.
@Suite struct AccountDeletionAPITests {
    func delete(_ client: some TestClientProtocol, email: String = "joe@example.com",
                password: String = Flow.password) async throws -> APIResponse {
        try await client.call(.post, "/api/3/account/delete", json: ["email": email, "password": password])
    }

    @Test func deletionRemovesTheAccountWalletAndTokensAndFreesTheEmail() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            _ = try await Flow.signup(client, "ann@example.com")
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let ann = try await Flow.login(client, "ann@example.com")
            _ = try await Flow.postWallet(client, token: laptop, sequence: 1, wallet: "joe's wallet")
            _ = try await Flow.postWallet(client, token: ann, sequence: 1, wallet: "ann's wallet")

            let response = try await delete(client, email: "JOE@example.com")
            #expect(response.status == 200)
            #expect(response.text == "{}")
            for token in [laptop, desktop] {
                #expect(try await client.call(.get, "/api/3/wallet?token=\(token)").error == "Unauthorized: Token Not Found")
            }
            let seed = try await client.call(.get, "/api/3/client-salt-seed?email=\(Data("joe@example.com".utf8).base64EncodedString())")
            #expect(seed.status == 404)
            let login = try await client.call(.post, "/api/3/auth/full",
                                              json: ["deviceId": "laptop", "email": "joe@example.com", "password": Flow.password])
            #expect(login.status == 401)
            #expect(try await client.call(.get, "/api/3/wallet?token=\(ann)")["encryptedWallet"] as? String == "ann's wallet")

            #expect(try await Flow.signup(client).status == 201, "the email can sign up again")
            let fresh = try await Flow.login(client)
            let wallet = try await client.call(.get, "/api/3/wallet?token=\(fresh)")
            #expect(wallet.status == 404, "the new account starts without the old wallet")
            #expect(wallet.error == "Not Found: No wallet")
        }
    }

    @Test func aWrongPasswordOrUnknownEmailDeletesNothing() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let wrong = try await delete(client, password: "wrong-password")
            #expect(wrong.status == 401)
            #expect(wrong.error == "Unauthorized: No match for email and/or password")
            let unknown = try await delete(client, email: "nobody@example.com")
            #expect(unknown.status == 401)
            #expect(unknown.error == "Unauthorized: No match for email and/or password", "the same answer: no account probing")
            #expect(try await client.call(.get, "/api/3/devices?token=\(token)").status == 200)
        }
    }

    @Test(arguments: [
        (#"{"email":"joe@example.com"}"#, "Bad Request: Missing field 'password'"),
        (#"{"password":"login-password-1"}"#, "Bad Request: Missing field 'email'"),
        (#"{"email":"Joe <joe@example.com>","password":"login-password-1"}"#, "Bad Request: Invalid 'email'"),
        (#"{"email":"joe@example.com","password":"short"}"#, "Bad Request: Invalid 'password'"),
        (#"{"email":"joe@example.com","password":"login-password-1","token":"t"}"#, "Bad Request: Unknown field 'token'"),
        ("3", "Bad Request: Request body must be a JSON object, not a number"),
        ("", "Bad Request: Error parsing JSON"),
    ])
    func deletionRefusesBadRequests(_ body: String, _ errorPrefix: String) async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let response = try await client.call(.post, "/api/3/account/delete", body: body)
            #expect(response.status == 400)
            #expect(response.error?.hasPrefix(errorPrefix) == true, "\(response.text)")
            _ = try await Flow.login(client)
        }
    }
}

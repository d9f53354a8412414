import Foundation
import HummingbirdTesting
import Testing

/// Wallet reads and compare-and-set writes.
@Suite struct WalletAPITests {
    @Test func walletRoundTripAndSequenceRules() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let missing = try await client.call(.get, "/api/3/wallet?token=\(token)")
            #expect(missing.status == 404)
            #expect(missing.error == "Not Found: No wallet")

            let stale = try await Flow.postWallet(client, token: token, sequence: 2)
            #expect(stale.status == 409)
            #expect(stale.error == "Conflict: Bad sequence number")
            let first = try await Flow.postWallet(client, token: token, sequence: 1)
            #expect(first.status == 200)
            #expect(first.text == "{}")
            #expect(try await Flow.postWallet(client, token: token, sequence: 1).status == 409)
            #expect(try await Flow.postWallet(client, token: token, sequence: 2, wallet: "second").status == 200)

            let stored = try await client.call(.get, "/api/3/wallet?token=\(token)")
            #expect(stored.status == 200)
            #expect(stored["encryptedWallet"] as? String == "second")
            #expect(stored["sequence"] as? Int == 2)
            #expect(stored["hmac"] as? String == "hmac2")
        }
    }

    @Test func tokenProblemsAre400Or401() async throws {
        try await ServerHarness().test { client async throws in
            let none = try await client.call(.get, "/api/3/wallet")
            #expect(none.status == 400)
            let bogus = try await client.call(.get, "/api/3/wallet?token=deadbeef")
            #expect(bogus.status == 401)
            #expect(bogus.error == "Unauthorized: Token Not Found")
            #expect(try await Flow.postWallet(client, token: "deadbeef", sequence: 1).status == 401)
        }
    }

    static let badSequences = [#""1""#, "1.0", "1e0", "-1", "0", "4294967296", "null", "true"]

    @Test(arguments: badSequences)
    func sequenceMustBeAnIntegerThatFitsThirtyTwoBits(_ literal: String) async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let response = try await client.call(
                .post, "/api/3/wallet", body: #"{"token":"\#(token)","encryptedWallet":"w","sequence":\#(literal),"hmac":"h"}"#)
            #expect(response.status == 400, "\(literal): \(response.text)")
        }
    }

    @Test func largestSequenceParsesAndEmptyFieldsDoNot() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            #expect(try await Flow.postWallet(client, token: token, sequence: 4_294_967_295).status == 409, "valid, merely stale")
            let empty = try await client.call(.post, "/api/3/wallet", json: ["token": token, "encryptedWallet": "", "sequence": 1, "hmac": "h"])
            #expect(empty.status == 400)
            let partial = try await client.call(.post, "/api/3/wallet", json: ["token": token, "sequence": 1, "hmac": "h"])
            #expect(partial.status == 400)
        }
    }

    @Test func storedStringsComeBackByteForByte() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client, device: "dev%20\"ice\"\\ ünï 🧑‍🤝‍🧑")
            let wallet = "100% \"quoted\" back\\slash \u{0} ünïcødé e\u{301} 🧑‍🤝‍🧑 </script>"
            #expect(try await Flow.postWallet(client, token: token, sequence: 1, wallet: wallet).status == 200)
            let stored = try await client.call(.get, "/api/3/wallet?token=\(token)")
            #expect(stored["encryptedWallet"] as? String == wallet)
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        try await ServerHarness().test { client async throws in
            let big = #"{"token":"t","encryptedWallet":""# + String(repeating: "a", count: 100_001) + #"","sequence":1,"hmac":"h"}"#
            let response = try await client.call(.post, "/api/3/wallet", body: big)
            #expect(response.status == 413)
            #expect(response.error?.hasPrefix("Content Too Large") == true, "\(response.text)")
        }
    }
}

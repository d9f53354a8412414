import Foundation
import HummingbirdTesting
import TandemServerCore
import Testing

/// Signup, salt seed and login rows of PROTOCOL.md, asserting status and body.
@Suite struct AccountAPITests {
    @Test func signupAnswers201AndRefusesDuplicatesCaseInsensitively() async throws {
        try await ServerHarness().test { client async throws in
            let first = try await Flow.signup(client, "Joe@Example.com")
            #expect(first.status == 201)
            #expect(first["verified"] as? Bool == true)
            #expect(first.contentType == "application/json")
            let again = try await Flow.signup(client, "joe@example.COM")
            #expect(again.status == 409)
            #expect(again.error == "Conflict: Account already exists")
        }
    }

    static let invalidSignups: [(String, String)] = [
        (#"{"email":"Joe <joe@example.com>","password":"longenough","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Invalid 'email'"),
        (#"{"email":" joe@example.com","password":"longenough","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Invalid 'email'"),
        (#"{"email":"joe@","password":"longenough","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Invalid 'email'"),
        (#"{"email":"joe@example.com","password":"short","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Invalid 'password'"),
        (#"{"email":"joe@example.com","password":"longenough","clientSaltSeed":"abc"}"#, "Bad Request: Invalid 'clientSaltSeed'"),
        (#"{"email":"joe@example.com","password":"longenough","clientSaltSeed":"\#(String(repeating: "z", count: 64))"}"#, "Bad Request: Invalid 'clientSaltSeed'"),
        (#"{"email":"joe@example.com","password":"longenough"}"#, "Bad Request: Missing field 'clientSaltSeed'"),
        (#"{"email":"joe@example.com","password":"longenough","clientSaltSeed":"\#(Flow.seed)","admin":true}"#, "Bad Request: Unknown field 'admin'"),
        (#"{"email":42,"password":"longenough","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Field 'email' must be a string, not a number"),
        (#"{"email":null,"password":"longenough","clientSaltSeed":"\#(Flow.seed)"}"#, "Bad Request: Field 'email' must be a string, not null"),
        ("null", "Bad Request: Request body must be a JSON object, not null"),
        ("[]", "Bad Request: Request body must be a JSON object, not an array"),
        ("3", "Bad Request: Request body must be a JSON object, not a number"),
        ("{\"email\":", "Bad Request: Error parsing JSON"),
        ("", "Bad Request: Error parsing JSON"),
        (#"{"email":"a@b.c","email":"d@e.f"}"#, "Bad Request: Error parsing JSON"),
    ]

    @Test(arguments: invalidSignups)
    func signupRefusesInvalidBodiesWith400(_ body: String, _ expectedPrefix: String) async throws {
        try await ServerHarness().test { client async throws in
            let response = try await client.call(.post, "/api/3/signup", body: body)
            #expect(response.status == 400)
            #expect(response.error?.hasPrefix(expectedPrefix) == true, "\(response.text)")
        }
    }

    @Test func whitelistModeAdmitsOnlyListedAddresses() async throws {
        try await ServerHarness(mode: .whitelist(["joe@example.com"])).test { client async throws in
            #expect(try await Flow.signup(client, "JOE@example.com").status == 201)
            let refused = try await Flow.signup(client, "ann@example.com")
            #expect(refused.status == 403)
            #expect(refused.error == "Forbidden: Account not whitelisted")
        }
    }

    @Test func clientSaltSeedTakesStandardPaddedBase64() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client, "joe@example.com")
            let encoded = Data("JOE@example.com".utf8).base64EncodedString()
            let ok = try await client.call(.get, "/api/3/client-salt-seed?email=\(encoded)")
            #expect(ok.status == 200)
            #expect(ok["clientSaltSeed"] as? String == Flow.seed)
            let withNewline = try await client.call(.get, "/api/3/client-salt-seed?email=\(encoded)%0A")
            #expect(withNewline.status == 200, "the LBRY test client sends a trailing newline")

            let unpadded = Data("joe@example.co".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            for bad in ["", "not*base64", unpadded, "am9lQGV4YW1wbGUuY29t-_"] {
                let response = try await client.call(.get, "/api/3/client-salt-seed?email=\(bad)")
                #expect(response.status == 400, "email=\(bad): \(response.text)")
            }
            #expect(try await client.call(.get, "/api/3/client-salt-seed").status == 400)
            let unknown = try await client.call(.get, "/api/3/client-salt-seed?email=\(Data("ann@example.com".utf8).base64EncodedString())")
            #expect(unknown.status == 404)
            #expect(unknown.error == "Not Found: No match for email")
        }
    }

    @Test func loginIssuesADeviceTokenForFourteenDays() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let response = try await client.call(.post, "/api/3/auth/full",
                                                 json: ["deviceId": "laptop", "email": "JOE@example.com", "password": Flow.password])
            #expect(response.status == 200)
            let token = try #require(response["token"] as? String)
            #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
            #expect(response["deviceId"] as? String == "laptop")
            #expect(response["scope"] as? String == "*")
            #expect(response["userId"] as? Int == 1)
            let expiration = try #require((response["expiration"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(abs(expiration.timeIntervalSinceNow - AccountService.tokenLifetime) < 60)
        }
    }

    @Test func loginRefusalsAre401WithoutTellingWhichPartWasWrong() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            for (email, password) in [("joe@example.com", "wrong-password"), ("ann@example.com", Flow.password)] {
                let response = try await client.call(.post, "/api/3/auth/full", json: ["deviceId": "d", "email": email, "password": password])
                #expect(response.status == 401)
                #expect(response.error == "Unauthorized: No match for email and/or password")
            }
            let noDevice = try await client.call(.post, "/api/3/auth/full", json: ["deviceId": "", "email": "joe@example.com", "password": Flow.password])
            #expect(noDevice.status == 400)
        }
    }

    @Test func loggingInAgainFromADeviceReplacesItsToken() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let first = try await Flow.login(client, device: "laptop")
            let other = try await Flow.login(client, device: "desktop")
            let second = try await Flow.login(client, device: "laptop")
            #expect(try await client.call(.get, "/api/3/wallet?token=\(first)").status == 401)
            #expect(try await client.call(.get, "/api/3/wallet?token=\(second)").status == 404)
            #expect(try await client.call(.get, "/api/3/wallet?token=\(other)").status == 404)
        }
    }
}

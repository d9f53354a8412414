import Foundation
import HummingbirdTesting
import TandemServerCore
import Testing

/// `GET /devices`, `POST /devices/revoke`, `POST /logout`: every row of PROTOCOL.md's extension and its failures.
@Suite struct DeviceAPITests {
    static var rfc3339: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/# }

    func devices(_ client: some TestClientProtocol, token: String) async throws -> [[String: Any]] {
        let response = try await client.call(.get, "/api/3/devices?token=\(token)")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.contentType == "application/json")
        return try #require(response["devices"] as? [[String: Any]])
    }

    @Test func devicesListsEveryLoggedInDeviceAndMarksTheCaller() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            _ = try await Flow.signup(client, "ann@example.com")
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            _ = try await Flow.login(client, "ann@example.com", device: "phone")
            let list = try await devices(client, token: desktop)
            #expect(list.map { $0["deviceId"] as? String } == ["laptop", "desktop"])
            #expect(list.map { $0["current"] as? Bool } == [false, true])
            for device in list {
                #expect(Set(device.keys) == ["deviceId", "createdAt", "lastSeenAt", "current"], "nothing else leaks")
                let createdAt = try #require(device["createdAt"] as? String)
                let lastSeenAt = try #require(device["lastSeenAt"] as? String)
                #expect(createdAt.wholeMatch(of: Self.rfc3339) != nil, "\(createdAt)")
                #expect(lastSeenAt.wholeMatch(of: Self.rfc3339) != nil, "\(lastSeenAt)")
                #expect(lastSeenAt.hasSuffix(":00Z"), "kept to the minute: \(lastSeenAt)")
            }
            #expect(try await devices(client, token: laptop).map { $0["current"] as? Bool } == [true, false])
        }
    }

    @Test func devicesRefusesMissingAndUnknownTokens() async throws {
        try await ServerHarness().test { client async throws in
            let missing = try await client.call(.get, "/api/3/devices")
            #expect(missing.status == 400)
            #expect(missing.error == "Bad Request: Missing 'token' parameter")
            let unknown = try await client.call(.get, "/api/3/devices?token=bogus")
            #expect(unknown.status == 401)
            #expect(unknown.error == "Unauthorized: Token Not Found")
            #expect(try await client.call(.post, "/api/3/devices").status == 405)
            #expect(try await client.call(.get, "/api/3/devices/revoke").status == 405)
            #expect(try await client.call(.get, "/api/3/logout").status == 405)
            #expect(try await client.call(.get, "/api/3/account/delete").status == 405)
        }
    }

    @Test func revokingADeviceEndsItsTokenAtOnce() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let revoked = try await client.call(.post, "/api/3/devices/revoke", json: ["token": laptop, "deviceId": "desktop"])
            #expect(revoked.status == 200)
            #expect(revoked.text == "{}")
            #expect(try await client.call(.get, "/api/3/wallet?token=\(desktop)").status == 401)
            #expect(try await devices(client, token: laptop).map { $0["deviceId"] as? String } == ["laptop"])

            let again = try await client.call(.post, "/api/3/devices/revoke", json: ["token": laptop, "deviceId": "desktop"])
            #expect(again.status == 404)
            #expect(again.error == "Not Found: No such device")
            let byTheRevoked = try await client.call(.post, "/api/3/devices/revoke", json: ["token": desktop, "deviceId": "laptop"])
            #expect(byTheRevoked.status == 401, "a revoked token revokes nothing")

            let own = try await client.call(.post, "/api/3/devices/revoke", json: ["token": laptop, "deviceId": "laptop"])
            #expect(own.status == 200, "revoking the caller's own device is a log-out")
            #expect(try await client.call(.get, "/api/3/devices?token=\(laptop)").status == 401)
        }
    }

    @Test func aDeviceOfAnotherAccountCannotBeRevoked() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            _ = try await Flow.signup(client, "ann@example.com")
            let joe = try await Flow.login(client, device: "laptop")
            let ann = try await Flow.login(client, "ann@example.com", device: "phone")
            let response = try await client.call(.post, "/api/3/devices/revoke", json: ["token": joe, "deviceId": "phone"])
            #expect(response.status == 404)
            #expect(try await client.call(.get, "/api/3/devices?token=\(ann)").status == 200)
        }
    }

    static let invalidRevocations: [(String, Int, String)] = [
        (#"{"token":"t"}"#, 400, "Bad Request: Missing field 'deviceId'"),
        (#"{"deviceId":"d"}"#, 400, "Bad Request: Missing field 'token'"),
        (#"{"token":"t","deviceId":""}"#, 400, "Bad Request: Invalid 'deviceId': must not be empty"),
        (#"{"token":"","deviceId":"d"}"#, 400, "Bad Request: Invalid 'token': must not be empty"),
        (#"{"token":"t","deviceId":"d","all":true}"#, 400, "Bad Request: Unknown field 'all'"),
        (#"{"token":"t","deviceId":7}"#, 400, "Bad Request: Field 'deviceId' must be a string, not a number"),
        ("[]", 400, "Bad Request: Request body must be a JSON object, not an array"),
        ("{", 400, "Bad Request: Error parsing JSON"),
        (#"{"token":"bogus","deviceId":"d"}"#, 401, "Unauthorized: Token Not Found"),
    ]

    @Test(arguments: invalidRevocations)
    func revokeRefusesBadRequests(_ body: String, _ status: Int, _ error: String) async throws {
        try await ServerHarness().test { client async throws in
            let response = try await client.call(.post, "/api/3/devices/revoke", body: body)
            #expect(response.status == status)
            #expect(response.error == error)
        }
    }

    @Test func logOutEndsOnlyTheCallingToken() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let response = try await client.call(.post, "/api/3/logout", json: ["token": desktop])
            #expect(response.status == 200)
            #expect(response.text == "{}")
            #expect(try await client.call(.get, "/api/3/wallet?token=\(desktop)").status == 401)
            #expect(try await client.call(.post, "/api/3/logout", json: ["token": desktop]).error == "Unauthorized: Token Not Found")
            #expect(try await devices(client, token: laptop).map { $0["deviceId"] as? String } == ["laptop"])
            _ = try await Flow.login(client, device: "desktop")  // the device may log in again
        }
    }

    @Test(arguments: [
        (#"{}"#, "Bad Request: Missing field 'token'"),
        (#"{"token":""}"#, "Bad Request: Invalid 'token': must not be empty"),
        (#"{"token":"t","deviceId":"d"}"#, "Bad Request: Unknown field 'deviceId'"),
        ("null", "Bad Request: Request body must be a JSON object, not null"),
    ])
    func logOutRefusesBadRequests(_ body: String, _ error: String) async throws {
        try await ServerHarness().test { client async throws in
            let response = try await client.call(.post, "/api/3/logout", body: body)
            #expect(response.status == 400)
            #expect(response.error == error)
        }
    }

    @Test func lastSeenCostsAtMostOneWritePerMinute() async throws {
        let store = ActivityCountingStore()
        try await ServerHarness(store: store).test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            _ = try await Flow.postWallet(client, token: token, sequence: 1)
            for _ in 0..<30 { #expect(try await client.call(.get, "/api/3/wallet?token=\(token)").status == 200) }
            // The log-in stored this minute; only a minute boundary during the test may add a write (two on a very
            // slow machine), never one per request.
            #expect(store.activityWrites <= 2, "\(store.activityWrites) writes for 31 requests")
        }
    }
}

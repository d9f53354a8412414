import Foundation
import HummingbirdTesting
import Testing

/// Unknown endpoints, versions and methods, and `/metrics`.
@Suite struct RoutingAPITests {
    @Test(arguments: [
        ("/api/3/nothing-here", "Not Found: Unknown Endpoint"),
        ("/api/3/wallet/extra", "Not Found: Unknown Endpoint"),
        ("/api/2/wallet", "Not Found: Unknown API version; this server speaks version 3 at /api/3"),
        ("/api/4/signup", "Not Found: Unknown API version; this server speaks version 3 at /api/3"),
        ("/favicon.ico", "Not Found"),
    ])
    func unknownPathsAre404(_ path: String, _ error: String) async throws {
        try await ServerHarness().test { client async throws in
            let response = try await client.call(.get, path)
            #expect(response.status == 404)
            #expect(response.error == error)
        }
    }

    @Test(arguments: [
        ("GET", "/api/3/signup", "POST"), ("PUT", "/api/3/wallet", "GET, POST"), ("DELETE", "/api/3/wallet", "GET, POST"),
        ("POST", "/api/3/client-salt-seed", "GET"), ("GET", "/api/3/auth/full", "POST"), ("GET", "/api/3/password", "POST"),
        ("POST", "/api/3/verify", "GET"), ("POST", "/metrics", "GET"), ("POST", "/api/3/websocket", "GET"),
    ])
    func wrongMethodsAre405WithAllow(_ method: String, _ path: String, _ allowed: String) async throws {
        try await ServerHarness().test { client async throws in
            let response = try await client.call(.init(method)!, path)
            #expect(response.status == 405)
            #expect(response.error == "Method Not Allowed")
            #expect(response.headers[.allow] == allowed)
        }
    }

    @Test func healthAndReadinessAnswerWithoutAToken() async throws {
        try await ServerHarness().test { client async throws in
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == 200)
            #expect(health["status"] as? String == "alive")
            let ready = try await client.call(.get, "/readyz")
            #expect(ready.status == 200)
            #expect(ready["status"] as? String == "ready")
            #expect(try await client.call(.post, "/readyz").headers[.allow] == "GET")
        }
    }

    @Test func metricsCountRequestsAndWrites() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            _ = try await Flow.postWallet(client, token: token, sequence: 1)
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"tandem_http_requests_total{path="/api/3/signup",status="201"} 1"#))
            #expect(metrics.text.contains("tandem_wallet_updates_total 1"))
            #expect(metrics.text.contains("tandem_websocket_connections"))
        }
    }
}

import Foundation
import Hummingbird
import TandemServerCore

/// `/healthz` (the process answers) and `/readyz` (it can reach its database), for load balancers and service
/// managers. Neither needs a token, and neither tells anything about accounts.
struct HealthController {
    let store: any AccountStore

    private struct Status: Encodable { let status: String }

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.get(APIPath.health) { _, _ in try JSONBody.response(Status(status: "alive")) }
        router.get(APIPath.ready) { _, _ in
            do {
                // A point lookup of a token nobody can hold: one round trip to the database, and no side effect.
                _ = try await store.tokenOwner(digest: "", now: Date())
            } catch {
                throw APIError(.serviceUnavailable, "the database cannot be reached", headers: [.retryAfter: "5"])
            }
            return try JSONBody.response(Status(status: "ready"))
        }
    }
}

import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import NIOHTTP1
import TandemServerCore
import TandemWire

/// `GET /api/3/websocket?token=T[&since=N]`: `wallet-update:N` notices for every wallet write of the account,
/// closed with 4001 when the password changes, 4002 when the device is revoked or logs out, 4003 when the account is
/// deleted (`SocketClose`).
struct WebSocketController {
    /// The close code LBRY clients never see (they get an empty close frame) and Tandem clients act on.
    static let passwordChangedCode: UInt16 = 4001

    let service: AccountService
    let hub: WalletUpdateHub
    let metrics: ServerMetrics
    let sockets: SocketCounter

    func addRoutes(to router: Router<TandemRequestContext>) {
        // Upgrades the `RequestGate` refused arrive here without their `Upgrade` header, and learn why.
        router.ws(APIPath.websocket) { request, _ in
            do {
                try await admission(token: request.uri.queryParameters["token"].map(String.init), since: request.uri.queryParameters["since"].map(String.init))
                if let version = request.headers[.secWebSocketVersion], version != "13" {
                    throw APIError(.upgradeRequired, "Unsupported websocket version; this server speaks 13",
                                   headers: [.secWebSocketVersion: "13"])
                }
                guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                    throw APIError(.badRequest, "Expected a websocket upgrade")
                }
            } catch {
                throw Self.refusal(error)
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let token = context.request.uri.queryParameters["token"].map(String.init)
            // The token was checked before the upgrade; check again in case the password changed in between.
            guard let owner = try? await service.socketOwner(token: token) else {
                try await outbound.close(.unknown(Self.passwordChangedCode), reason: "password changed")
                return
            }
            guard sockets.open(for: owner.account) else {
                // Other sockets of the account opened since the check before the upgrade.
                try await outbound.close(.policyViolation, reason: "too many sockets")
                return
            }
            defer { sockets.close(for: owner.account) }
            metrics.socketOpened()
            defer { metrics.socketClosed() }
            let registration = hub.register(account: owner.account, device: owner.deviceKey, outbound: outbound)
            defer { hub.unregister(registration) }
            // A revocation between the check above and the registration reached no socket: now that events reach
            // this one, make sure the token still works. (Which change ended it is unknown here; 4001 as before.)
            guard (try? await service.owner(ofToken: token)) != nil else {
                try await outbound.close(.unknown(Self.passwordChangedCode), reason: "password changed")
                return
            }
            // Registered before reading the sequence, so no update can fall between the two.
            if let since = try Self.since(context.request) {
                let current = try await service.currentSequence(of: owner.account)
                if current > since { hub.catchUp(registration, to: current) }
            }
            // Notices and closes are written by the hub's jobs, not by a task of this socket. Client frames carry
            // nothing for us; reading them keeps the close handshake and pongs flowing until the socket ends.
            for try await _ in inbound {}
        }
    }

    /// Whether the `RequestGate` may hand a well-formed upgrade request to the upgrader.
    func admits(_ head: HTTPRequestHead) async -> Bool {
        let query = URI(head.uri).queryParameters
        return (try? await admission(token: query["token"].map(String.init), since: query["since"].map(String.init))) != nil
    }

    /// Refuses a missing or dead token (400, 401), a bad `since` (400) and an account at its socket cap (429).
    private func admission(token: String?, since: String?) async throws {
        let owner = try await service.owner(ofToken: token)
        _ = try Self.since(since)
        if sockets.count(of: owner.account) >= sockets.limit {
            throw APIError(.tooManyRequests, "Too many open websockets for this account", headers: [.retryAfter: "60"])
        }
    }

    /// A refused upgrade gets the JSON error body and the connection closes after it.
    private static func refusal(_ error: any Error) -> any Error {
        var refusal: APIError
        switch error {
        case let error as APIError: refusal = error
        case let failure as ServiceFailure: refusal = APIError(failure)
        default: return error
        }
        refusal.headers[.connection] = "close"
        return refusal
    }

    /// The optional catch-up parameter `since` (a Tandem extension).
    private static func since(_ request: Request) throws -> UInt32? {
        try since(request.uri.queryParameters["since"].map(String.init))
    }

    private static func since(_ text: String?) throws -> UInt32? {
        guard let text else { return nil }
        guard let since = UInt32(text) else { throw APIError(.badRequest, "Invalid 'since' parameter: expected a sequence number") }
        return since
    }
}

import Hummingbird
import HummingbirdWebSocket
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

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws(APIPath.websocket) { request, _ in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw APIError(.badRequest, "Expected a websocket upgrade")
            }
            _ = try await service.owner(ofToken: request.uri.queryParameters["token"].map(String.init))
            _ = try Self.since(request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            // The token was checked before the upgrade; check again in case the password changed in between.
            guard let owner = try? await service.socketOwner(token: token) else {
                try await outbound.close(.unknown(Self.passwordChangedCode), reason: "password changed")
                return
            }
            metrics.socketOpened()
            defer { metrics.socketClosed() }
            let subscription = hub.subscribe(account: owner.account, device: owner.deviceKey)
            defer { hub.unsubscribe(subscription) }
            // Registered before reading the sequence, so no update can fall between the two.
            if let since = try Self.since(context.request) {
            let token = context.request.uri.queryParameters["token"].map(String.init)
                let current = try await service.currentSequence(of: owner.account)
                if current > since { try await outbound.write(.text(WalletUpdateNotice(sequence: current).text)) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Client frames carry nothing for us; reading them keeps the close handshake and pongs flowing.
                    for try await _ in inbound {}
                }
                group.addTask {
                    for await delivery in subscription.deliveries {
                        switch delivery {
                        case .notice(let notice):
                            try await outbound.write(.text(notice.text))
                        case .close(let close):
                            try await outbound.close(.unknown(close.code), reason: close.reason)
            // A revocation between the check above and the subscription reached no socket: now that events reach
            // this one, make sure the token still works. (Which change ended it is unknown here; 4001 as before.)
            guard (try? await service.owner(ofToken: token)) != nil else {
                try await outbound.close(.unknown(Self.passwordChangedCode), reason: "password changed")
                return
            }
                            return
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// The optional catch-up parameter `since` (a Tandem extension).
    private static func since(_ request: Request) throws -> UInt32? {
        guard let text = request.uri.queryParameters["since"] else { return nil }
        guard let since = UInt32(text) else { throw APIError(.badRequest, "Invalid 'since' parameter: expected a sequence number") }
        return since
    }
}

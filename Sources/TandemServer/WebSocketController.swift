import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTP1
import TandemServerCore
import TandemWire

/// `GET /api/3/websocket?token=T[&since=N]`: `wallet-update:N` notices for every wallet write of the account,
/// closed with 4001 when the password changes, 4002 when the device is revoked or logs out, 4003 when the account is
/// deleted (`SocketClose`).
///
/// An upgrade never reaches the router: the `RequestGate` asks `admit` first and answers a refusal itself; an
/// admitted upgrade becomes a `WalletSocketHandler`. The route answers requests that are no upgrade.
struct WebSocketController {
    let service: AccountService
    let hub: WalletUpdateHub
    let metrics: ServerMetrics
    let sockets: SocketCounter

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.get(APIPath.websocket) { request, _ -> Response in
            do {
                _ = try await service.owner(ofToken: request.uri.queryParameters["token"].map(String.init))
                _ = try Self.since(request.uri.queryParameters["since"].map(String.init))
                if let version = request.headers[.secWebSocketVersion], version != "13" {
                    throw APIError(.upgradeRequired, "Unsupported websocket version; this server speaks 13",
                                   headers: [.secWebSocketVersion: "13"])
                }
                throw APIError(.badRequest, "Expected a websocket upgrade")
            } catch {
                throw Self.refusal(error)
            }
        }
    }

    /// Decides a well-formed upgrade request: a missing or dead token is refused (400, 401), a bad `since` (400), an
    /// account at its socket cap (429). An admitted socket takes its place under the cap at once and gives it back
    /// when its connection closes, so nothing that happens between admission and upgrade can exceed the cap.
    func admit(_ head: HTTPRequestHead, channel: any Channel) async -> SocketAdmission {
        // Upgrades never pass the router's middleware, so they are counted here, like any other request.
        let started = ContinuousClock.now
        let admission = await decide(head, channel: channel)
        let status = switch admission {
        case .admitted: 101
        case .refused(let error): Int(error.status.code)
        }
        metrics.recordRequest(path: APIPath.websocket.description, status: status, duration: ContinuousClock.now - started)
        return admission
    }

    private func decide(_ head: HTTPRequestHead, channel: any Channel) async -> SocketAdmission {
        let query = URI(head.uri).queryParameters
        let token = query["token"].map(String.init)
        do {
            let since = try Self.since(query["since"].map(String.init))
            guard let owner = try await service.socketOwner(token: token), let token else {
                _ = try await service.owner(ofToken: token)  // throws why the token does not work
                throw ServiceFailure.tokenNotFound
            }
            guard sockets.open(for: owner.account) else {
                throw APIError(.tooManyRequests, "Too many open websockets for this account", headers: [.retryAfter: "60"])
            }
            let sockets = sockets
            channel.closeFuture.whenComplete { _ in sockets.close(for: owner.account) }
            return .admitted(AdmittedSocket(account: owner.account, deviceKey: owner.deviceKey, token: token, since: since))
        } catch {
            return .refused(Self.refusal(error) as? APIError ?? .internalServerError)
        }
    }

    /// Runs once an admitted socket hears the hub's events.
    func socketStarted(_ admitted: AdmittedSocket, _ socket: WalletSocket) {
        metrics.socketOpened()
        Task {
            // A revocation between the admission and the registration reached no socket: now that events reach this
            // one, make sure the token still works. (Which change ended it is unknown here; 4001 as before.)
            guard (try? await service.owner(ofToken: admitted.token)) != nil else {
                return socket.closeSoon(.unknown(SocketClose.passwordChanged.code), reason: SocketClose.passwordChanged.reason)
            }
            // Registered before reading the sequence, so no update can fall between the two.
            guard let since = admitted.since else { return }
            do {
                let current = try await service.currentSequence(of: admitted.account)
                if current > since { hub.catchUp(socket, to: current) }
            } catch {
                socket.closeSoon(.unexpectedServerError, reason: "catch-up failed")
            }
        }
    }

    func socketEnded() { metrics.socketClosed() }

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
    private static func since(_ text: String?) throws -> UInt32? {
        guard let text else { return nil }
        guard let since = UInt32(text) else { throw APIError(.badRequest, "Invalid 'since' parameter: expected a sequence number") }
        return since
    }
}

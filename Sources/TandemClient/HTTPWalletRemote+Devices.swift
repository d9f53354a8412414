import Foundation
import TandemCore
import TandemWire

/// The Tandem extensions over HTTP: `/devices`, `/devices/revoke`, `/logout`, `/account/delete`.
/// A 404 without the server's "No such device" is an older server without the endpoint: `.unavailable`.
extension HTTPWalletRemote: DeviceRemote {
    public func devices(token: String) async throws(RemoteError) -> RemoteAnswer<[RemoteDevice]> {
        let reply = try await send("GET", "devices", query: ["token": token])
        if let answer: RemoteAnswer<[RemoteDevice]> = Self.failure(of: reply) { return answer }
        guard reply.status == 200 else { throw reply.error }
        let listed = try reply.decode(DevicesResponse.self).devices
        return .done(listed.map { entry in
            RemoteDevice(deviceID: entry.deviceId, createdAt: Self.date(entry.createdAt), lastSeenAt: Self.date(entry.lastSeenAt),
                         isCurrent: entry.current)
        })
    }

    public func revokeDevice(_ deviceID: String, token: String) async throws(RemoteError) -> RemoteAnswer<Bool> {
        try Self.done(try await send("POST", "devices/revoke", body: DeviceRevocationRequest(token: token, deviceId: deviceID)))
    }

    public func logOut(token: String) async throws(RemoteError) -> RemoteAnswer<Bool> {
        try Self.done(try await send("POST", "logout", body: LogoutRequest(token: token)))
    }

    public func deleteAccount(email: String, loginPassword: String) async throws(RemoteError) -> RemoteAnswer<Bool> {
        try Self.done(try await send("POST", "account/delete", body: AccountDeletionRequest(email: email, password: loginPassword)))
    }

    private static func done(_ reply: Reply) throws(RemoteError) -> RemoteAnswer<Bool> {
        if let answer: RemoteAnswer<Bool> = failure(of: reply) { return answer }
        guard reply.status == 200 else { throw reply.error }
        return .done(true)
    }

    /// 404 and 429 as answers; nil for every other status.
    private static func failure<Value>(of reply: Reply) -> RemoteAnswer<Value>? {
        switch reply.status {
        case 404:
            let message = (try? JSONDecoder().decode(ErrorBody.self, from: reply.data))?.error ?? ""
            return message.contains("No such device") ? .noSuchDevice : .unavailable
        case 429:
            return .rateLimited(retryAfter: reply.retryAfter)
        default:
            return nil
        }
    }

    private static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}

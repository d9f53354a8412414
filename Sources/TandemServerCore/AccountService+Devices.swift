import Foundation
import TandemCrypto
import TandemWire

// The Tandem extensions for devices and account deletion: `GET /devices`, `POST /devices/revoke`, `POST /logout`,
// `POST /account/delete`.
extension AccountService {
    public func devices(token: String?) async throws -> DevicesResponse {
        let owner = try await owner(ofToken: token)
        let caller = AccessToken.digest(token ?? "")
        let devices = try await store.devices(of: owner.account, now: now())
        return DevicesResponse(devices: devices.map { device in
            DeviceEntry(deviceId: device.deviceID, createdAt: Self.timestamp(device.createdAt),
                        lastSeenAt: Self.timestamp(device.lastSeenAt), current: device.tokenDigest == caller)
        })
    }

    public func revokeDevice(_ request: DeviceRevocationRequest) async throws {
        let owner = try await owner(ofToken: request.token)
        guard try await store.revokeDevice(request.deviceId, of: owner.account, now: now()) == .revoked else {
            throw ServiceFailure.notFound("No such device")
        }
        await tell(.deviceRevoked(owner.account, deviceKey: DeviceKey.of(request.deviceId)))
    }

    public func logOut(_ request: LogoutRequest) async throws {
        let owner = try await owner(ofToken: request.token)
        guard case .revoked(let deviceID) = try await store.revokeToken(digest: AccessToken.digest(request.token), now: now())
        else { throw ServiceFailure.tokenNotFound }
        await tell(.deviceRevoked(owner.account, deviceKey: DeviceKey.of(deviceID)))
    }

    /// Checks the password like a log-in (rate limits included), then deletes everything of the account in one
    /// transaction.
    public func deleteAccount(_ request: AccountDeletionRequest, from origin: RequestOrigin = .local) async throws {
        try admitAccountDeletion(email: request.email)
        let account = try await authenticate(email: request.email, password: request.password, from: origin)
        guard try await store.deleteAccount(account.id, generation: account.generation) == .deleted else {
            throw ServiceFailure.noMatch
        }
        logger.info("Account deleted by its owner", metadata: ["account": "\(account.id)"])
        await tell(.accountDeleted(account.id))
    }

    /// Records that the token made an authenticated request, at most once a minute. A failed write only costs
    /// accuracy of `lastSeenAt`, never the request.
    func recordActivity(ofToken digest: String) async {
        let minute = now().startOfMinute
        guard activity.claim(digest, minute: minute) else { return }
        do {
            try await store.recordActivity(tokenDigest: digest, minute: minute)
        } catch {
            activity.release(digest, minute: minute)
            logger.warning("Could not record a device's last activity", metadata: ["error": "\(error)"])
        }
    }

    /// RFC 3339 in UTC, to the second, like a token's `expiration`.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}

extension AccountService {
    /// Whose websocket a token opens: the account, and the `DeviceKey` its device's revocation will name.
    public struct SocketOwner: Sendable, Equatable {
        public let account: AccountID
        public let deviceKey: String
    }

    /// The owner of a live token's websocket; nil when the token does not (or no longer) work.
    public func socketOwner(token: String?) async throws -> SocketOwner? {
        guard let token, let owner = try? await owner(ofToken: token) else { return nil }
        let digest = AccessToken.digest(token)
        guard let device = try await store.devices(of: owner.account, now: now()).first(where: { $0.tokenDigest == digest })
        else { return nil }
        return SocketOwner(account: owner.account, deviceKey: device.key)
    }
}

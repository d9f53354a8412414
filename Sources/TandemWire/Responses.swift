// Response bodies of API v3, Codable on both sides.

/// `201` answer of `POST /signup`.
public struct SignupResponse: Codable, Sendable, Equatable {
    public var verified: Bool
    public init(verified: Bool) { self.verified = verified }
}

/// `200` answer of `GET /client-salt-seed`.
public struct ClientSaltSeedResponse: Codable, Sendable, Equatable {
    public var clientSaltSeed: String
    public init(clientSaltSeed: String) { self.clientSaltSeed = clientSaltSeed }
}

/// `200` answer of `POST /auth/full`; `expiration` is RFC 3339.
public struct AuthResponse: Codable, Sendable, Equatable {
    public var token: String
    public var deviceId: String
    public var scope: String
    public var userId: Int64
    public var expiration: String

    public init(token: String, deviceId: String, scope: String = "*", userId: Int64, expiration: String) {
        self.token = token
        self.deviceId = deviceId
        self.scope = scope
        self.userId = userId
        self.expiration = expiration
    }
}

/// The `{}` answer of writes.
public struct EmptyResponse: Codable, Sendable, Equatable {
    public init() {}
}

/// Every error answer: `{"error": "<HTTP status text>[: <detail>]"}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var error: String
    public init(error: String) { self.error = error }
}

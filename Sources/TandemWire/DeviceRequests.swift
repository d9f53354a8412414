// Bodies of the Tandem extensions for devices and account deletion (beyond LBRY's API v3). Like the LBRY requests,
// each is Codable for clients and has a strict `init(body:)` for the server.

/// `POST /devices/revoke`: ends another (or this) device's session.
public struct DeviceRevocationRequest: Codable, Sendable, Equatable {
    public var token: String
    public var deviceId: String

    public init(token: String, deviceId: String) {
        self.token = token
        self.deviceId = deviceId
    }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["token", "deviceId"])
        self.init(token: try reader.string("token"), deviceId: try reader.string("deviceId"))
        try FieldValidation.checkNonEmpty(token, field: "token")
        try FieldValidation.checkNonEmpty(deviceId, field: "deviceId")
    }
}

/// `POST /logout`: ends the calling token's session.
public struct LogoutRequest: Codable, Sendable, Equatable {
    public var token: String

    public init(token: String) { self.token = token }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["token"])
        self.init(token: try reader.string("token"))
        try FieldValidation.checkNonEmpty(token, field: "token")
    }
}

/// `POST /account/delete`: the account's email and (derived) login password, checked like a log-in.
public struct AccountDeletionRequest: Codable, Sendable, Equatable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["email", "password"])
        self.init(email: try reader.string("email"), password: try reader.string("password"))
        try FieldValidation.checkEmail(email)
        try FieldValidation.checkPassword(password)
    }
}

/// `200` answer of `GET /devices`.
public struct DevicesResponse: Codable, Sendable, Equatable {
    public var devices: [DeviceEntry]
    public init(devices: [DeviceEntry]) { self.devices = devices }
}

/// One device of the account: a device id with a live token. Times are RFC 3339; `lastSeenAt` is kept to the minute.
public struct DeviceEntry: Codable, Sendable, Equatable {
    public var deviceId: String
    public var createdAt: String
    public var lastSeenAt: String
    /// True for the device whose token asked.
    public var current: Bool

    public init(deviceId: String, createdAt: String, lastSeenAt: String, current: Bool) {
        self.deviceId = deviceId
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.current = current
    }
}

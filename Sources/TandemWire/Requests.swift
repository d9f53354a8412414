// Request bodies of API v3. Each is Codable for clients and has a strict `init(body:)` for the server that
// checks shape and field rules together, so a handler only ever sees a valid request.

/// `POST /signup`.
public struct SignupRequest: Codable, Sendable, Equatable {
    public var email: String
    public var password: String
    public var clientSaltSeed: String

    public init(email: String, password: String, clientSaltSeed: String) {
        self.email = email
        self.password = password
        self.clientSaltSeed = clientSaltSeed
    }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["email", "password", "clientSaltSeed"])
        self.init(email: try reader.string("email"), password: try reader.string("password"),
                  clientSaltSeed: try reader.string("clientSaltSeed"))
        try FieldValidation.checkEmail(email)
        try FieldValidation.checkPassword(password)
        try FieldValidation.checkSaltSeed(clientSaltSeed)
    }
}

/// `POST /auth/full`.
public struct AuthRequest: Codable, Sendable, Equatable {
    public var deviceId: String
    public var email: String
    public var password: String

    public init(deviceId: String, email: String, password: String) {
        self.deviceId = deviceId
        self.email = email
        self.password = password
    }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["deviceId", "email", "password"])
        self.init(deviceId: try reader.string("deviceId"), email: try reader.string("email"),
                  password: try reader.string("password"))
        try FieldValidation.checkNonEmpty(deviceId, field: "deviceId")
        try FieldValidation.checkEmail(email)
        try FieldValidation.checkPassword(password)
    }
}

/// The three fields that make up a wallet on the wire.
public struct WalletPayload: Codable, Sendable, Equatable {
    public var encryptedWallet: String
    public var sequence: UInt32
    public var hmac: String

    public init(encryptedWallet: String, sequence: UInt32, hmac: String) {
        self.encryptedWallet = encryptedWallet
        self.sequence = sequence
        self.hmac = hmac
    }

    /// Reads the wallet fields from `reader`: all three, or nil when all three are absent and `optional` is set.
    static func read(from reader: JSONObjectReader, optional: Bool) throws(RequestProblem) -> WalletPayload? {
        let names = ["encryptedWallet", "sequence", "hmac"]
        let present = names.filter(reader.contains)
        if optional && present.isEmpty { return nil }
        guard present.count == names.count else {
            throw RequestProblem("Wallet fields encryptedWallet, sequence and hmac must be all present or all absent")
        }
        let payload = WalletPayload(encryptedWallet: try reader.string("encryptedWallet"),
                                    sequence: try reader.sequence("sequence"), hmac: try reader.string("hmac"))
        try FieldValidation.checkNonEmpty(payload.encryptedWallet, field: "encryptedWallet")
        try FieldValidation.checkNonEmpty(payload.hmac, field: "hmac")
        return payload
    }
}

/// `POST /wallet`.
public struct WalletUploadRequest: Codable, Sendable, Equatable {
    public var token: String
    public var encryptedWallet: String
    public var sequence: UInt32
    public var hmac: String

    public init(token: String, wallet: WalletPayload) {
        self.token = token
        encryptedWallet = wallet.encryptedWallet
        sequence = wallet.sequence
        hmac = wallet.hmac
    }

    public var wallet: WalletPayload { WalletPayload(encryptedWallet: encryptedWallet, sequence: sequence, hmac: hmac) }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["token", "encryptedWallet", "sequence", "hmac"])
        let token = try reader.string("token")
        try FieldValidation.checkNonEmpty(token, field: "token")
        // Not optional, so read(from:) returns a payload or throws.
        guard let wallet = try WalletPayload.read(from: reader, optional: false) else { throw RequestProblem("Missing wallet") }
        self.init(token: token, wallet: wallet)
    }
}

/// `POST /password`.
public struct PasswordChangeRequest: Codable, Sendable, Equatable {
    public var email: String
    public var oldPassword: String
    public var newPassword: String
    public var clientSaltSeed: String
    public var encryptedWallet: String?
    public var sequence: UInt32?
    public var hmac: String?

    public init(email: String, oldPassword: String, newPassword: String, clientSaltSeed: String, wallet: WalletPayload?) {
        self.email = email
        self.oldPassword = oldPassword
        self.newPassword = newPassword
        self.clientSaltSeed = clientSaltSeed
        encryptedWallet = wallet?.encryptedWallet
        sequence = wallet?.sequence
        hmac = wallet?.hmac
    }

    public var wallet: WalletPayload? {
        guard let encryptedWallet, let sequence, let hmac else { return nil }
        return WalletPayload(encryptedWallet: encryptedWallet, sequence: sequence, hmac: hmac)
    }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(
            body: body,
            allowedFields: ["email", "oldPassword", "newPassword", "clientSaltSeed", "encryptedWallet", "sequence", "hmac"])
        self.init(email: try reader.string("email"), oldPassword: try reader.string("oldPassword"),
                  newPassword: try reader.string("newPassword"), clientSaltSeed: try reader.string("clientSaltSeed"),
                  wallet: try WalletPayload.read(from: reader, optional: true))
        try FieldValidation.checkEmail(email)
        try FieldValidation.checkPassword(oldPassword, field: "oldPassword")
        try FieldValidation.checkPassword(newPassword, field: "newPassword")
        try FieldValidation.checkSaltSeed(clientSaltSeed)
        guard oldPassword != newPassword else { throw RequestProblem("New password must differ from the old password") }
    }
}

/// `POST /verify/resend`.
public struct ResendVerificationRequest: Codable, Sendable, Equatable {
    public var email: String

    public init(email: String) { self.email = email }

    public init(body: some Sequence<UInt8>) throws(RequestProblem) {
        let reader = try JSONObjectReader(body: body, allowedFields: ["email"])
        self.init(email: try reader.string("email"))
        try FieldValidation.checkEmail(email)
    }
}

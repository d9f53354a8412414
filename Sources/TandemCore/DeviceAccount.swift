import TandemCrypto

/// The signed-in account: who, with which salt seed and derived keys, and the device's token if it has one.
public struct DeviceAccount: Sendable, Equatable, Codable {
    public var email: String
    public var clientSaltSeed: String
    public var keys: DerivedKeys
    public var token: String?

    /// An account as the device stores it.
    public init(email: String, clientSaltSeed: String, keys: DerivedKeys, token: String?) {
        self.email = email
        self.clientSaltSeed = clientSaltSeed
        self.keys = keys
        self.token = token
    }
}

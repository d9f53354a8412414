/// Something that happened to an account that its open websockets must hear about.
public enum AccountEvent: Sendable, Equatable {
    case walletUpdated(AccountID, sequence: UInt32)
    /// Every socket of the account is closed: its tokens are gone.
    case passwordChanged(AccountID)
    /// The sockets of one device (named by its `DeviceKey`) are closed: its token was revoked or logged out.
    case deviceRevoked(AccountID, deviceKey: String)
    /// Every socket of the account is closed: the account is gone.
    case accountDeleted(AccountID)
}

/// Where `AccountService` announces events: the local hub, or a relay that reaches every server instance.
public protocol AccountEventPublisher: Sendable {
    func publish(_ event: AccountEvent) async
}

/// Something that happened to an account that its open websockets, or an instance's token cache, must hear about.
public enum AccountEvent: Sendable, Equatable {
    case walletUpdated(AccountID, sequence: UInt32)
    /// Every socket of the account is closed: its tokens are gone.
    case passwordChanged(AccountID)
    /// The sockets of one device (named by its `DeviceKey`) are closed: its token was revoked or logged out.
    case deviceRevoked(AccountID, deviceKey: String)
    /// Every socket of the account is closed: the account is gone.
    case accountDeleted(AccountID)
    /// A device (named by its `DeviceKey`) logged in: any earlier token of that device stopped working. Sockets stay
    /// open (they belong to the same device); instances drop the account's cached tokens.
    case deviceLoggedIn(AccountID, deviceKey: String)
}

/// Where `AccountService` announces events: the local hub, or a relay that reaches every server instance.
public protocol AccountEventPublisher: Sendable {
    func publish(_ event: AccountEvent) async
}

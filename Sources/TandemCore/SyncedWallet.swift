/// A wallet both sides agreed on at `sequence`.
public struct SyncedWallet: Sendable, Equatable {
    public var sequence: UInt32
    public var document: WalletDocument

    /// The wallet `document` at `sequence`.
    public init(sequence: UInt32, document: WalletDocument) {
        self.sequence = sequence
        self.document = document
    }
}

/// The websocket text frame `wallet-update:<sequence>` telling a device that the account's wallet moved on.
public struct WalletUpdateNotice: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "wallet-update:"
    public var sequence: UInt32

    public init(sequence: UInt32) { self.sequence = sequence }

    /// Parses a frame; nil for anything that is not exactly `wallet-update:` followed by a decimal sequence.
    public init?(text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let digits = text.dropFirst(Self.prefix.count)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let sequence = UInt32(digits) else { return nil }
        self.sequence = sequence
    }

    public var text: String { "\(Self.prefix)\(sequence)" }
    public var description: String { text }
}

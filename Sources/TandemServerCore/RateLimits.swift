/// The limits the service enforces (PROTOCOL.md, "abuse resistance"); nil turns one off.
///
/// Per client address: sign-ups, salt-seed lookups and password checks (log-in, password change, account deletion).
/// Per account: failed password checks, in two buckets. The account's own bucket holds attempts from everywhere; once
/// it is empty only addresses without recent failures on the account may still try, each with a bucket of its own,
/// so a guesser elsewhere cannot lock the owner out and many addresses do not multiply the guesses.
public struct RateLimits: Sendable, Equatable {
    public var signupsPerAddress: RateLimit? = RateLimit(10, per: .seconds(3600))
    public var saltSeedLookupsPerAddress: RateLimit? = RateLimit(60, per: .seconds(60))
    public var passwordChecksPerAddress: RateLimit? = RateLimit(20, per: .seconds(60))
    public var failedPasswordsPerAccount: RateLimit? = RateLimit(20, per: .seconds(3600))
    public var failedPasswordsPerAccountAndAddress: RateLimit? = RateLimit(5, per: .seconds(900))
    public var accountDeletionsPerAccount: RateLimit? = RateLimit(5, per: .seconds(3600))

    public init() {}

    public static let standard = RateLimits()

    /// No limits at all: for tests and benchmarks that hammer the server on purpose.
    public static let off: RateLimits = {
        var limits = RateLimits()
        for name in names { limits[name] = nil }
        return limits
    }()

    /// The names accepted by `--rate-limit NAME=COUNT/PERIOD,...`.
    public static let names = ["signups", "salt-seed", "logins", "failed-logins", "failed-logins-per-address", "deletions"]

    public subscript(name: String) -> RateLimit? {
        get {
            switch name {
            case "signups": signupsPerAddress
            case "salt-seed": saltSeedLookupsPerAddress
            case "logins": passwordChecksPerAddress
            case "failed-logins": failedPasswordsPerAccount
            case "failed-logins-per-address": failedPasswordsPerAccountAndAddress
            case "deletions": accountDeletionsPerAccount
            default: nil
            }
        }
        set {
            switch name {
            case "signups": signupsPerAddress = newValue
            case "salt-seed": saltSeedLookupsPerAddress = newValue
            case "logins": passwordChecksPerAddress = newValue
            case "failed-logins": failedPasswordsPerAccount = newValue
            case "failed-logins-per-address": failedPasswordsPerAccountAndAddress = newValue
            case "deletions": accountDeletionsPerAccount = newValue
            default: break
            }
        }
    }
}

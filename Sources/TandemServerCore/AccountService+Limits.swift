import TandemWire

// Rate limits (PROTOCOL.md, "abuse resistance"), checked before any costly work: a refused request costs a
// dictionary lookup, never a hash or a query.
extension AccountService {
    /// Counts one request of `origin` against `limit` under `kind`; 429 when the address is over it.
    func limit(_ origin: RequestOrigin, _ kind: String, _ limit: RateLimit?, _ detail: String) throws {
        guard let address = origin.address, let limit, let wait = limiter.take("\(kind) \(address)", limit) else { return }
        throw ServiceFailure.overLimit(detail, wait: wait)
    }

    /// Refuses a password check for the account when this address has used up its own failures on it, or when the
    /// account's failures from everywhere are used up and this address has failed on it lately. An address with a
    /// clean record still gets its attempt, so a guesser elsewhere cannot lock the owner out.
    func admitPasswordCheck(emailKey: String, from origin: RequestOrigin) throws {
        let pair = "failed \(emailKey) \(origin.address ?? "-")", account = "failed \(emailKey)"
        if let limit = limits.failedPasswordsPerAccountAndAddress, let wait = limiter.wait(pair, limit) {
            throw ServiceFailure.overLimit("Too many failed log-ins for this account", wait: wait)
        }
        if let limit = limits.failedPasswordsPerAccount, let wait = limiter.wait(account, limit),
           !(limits.failedPasswordsPerAccountAndAddress.map { limiter.isFull(pair, $0) } ?? true) {
            throw ServiceFailure.overLimit("Too many failed log-ins for this account", wait: wait)
        }
    }

    func countFailedPasswordCheck(emailKey: String, from origin: RequestOrigin) {
        if let limit = limits.failedPasswordsPerAccountAndAddress { _ = limiter.take("failed \(emailKey) \(origin.address ?? "-")", limit) }
        if let limit = limits.failedPasswordsPerAccount { _ = limiter.take("failed \(emailKey)", limit) }
    }

    /// Counts an attempt to delete the account of `email`; 429 over `accountDeletionsPerAccount`.
    public func admitAccountDeletion(email: String) throws {
        guard let limit = limits.accountDeletionsPerAccount,
              let wait = limiter.take("delete \(FieldValidation.emailKey(email))", limit) else { return }
        throw ServiceFailure.overLimit("Too many attempts to delete this account", wait: wait)
    }
}

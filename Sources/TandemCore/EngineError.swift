/// Why an intent given to `SyncEngine` was refused; each is one sentence a user can act on.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case notSignedIn
    case noServer
    case invalidEmail(String)
    case emptyPassword
    case wrongPassword
    case accountNotFound(String)
    case accountNotVerified
    case emailTaken(String)
    case unpushedChanges(Int)
    case pendingConflicts(Int)
    case noPendingMerge
    case unknownConflict(String)
    case invalidKey
    case remote(RemoteError)
    case keyDerivation(String)
    case storage(String)

    public var description: String {
        switch self {
        case .notSignedIn: "This device is not signed in; run `tandem login` or `tandem register` first."
        case .noServer: "No server is configured; pass --server URL."
        case .invalidEmail(let email): "'\(email)' is not an email address like joe@example.com."
        case .emptyPassword: "The password must not be empty."
        case .wrongPassword: "Wrong password."
        case .accountNotFound(let email): "The server has no account for \(email)."
        case .accountNotVerified: "The account is not verified yet: follow the link in the verification mail, then log in."
        case .emailTaken(let email): "An account for \(email) already exists on this server; log in instead."
        case .unpushedChanges(let count):
            "There \(count == 1 ? "is 1 local change" : "are \(count) local changes") not on the server yet; sync first."
        case .pendingConflicts(let count): "\(count) conflict\(count == 1 ? " is" : "s are") waiting to be resolved first."
        case .noPendingMerge: "There are no conflicts to resolve."
        case .unknownConflict(let key): "There is no conflict on '\(key)'."
        case .invalidKey: "Preference keys must not be empty."
        case .remote(let error): "\(error.description.prefix(1).uppercased())\(error.description.dropFirst())."
        case .keyDerivation(let detail): "Key derivation failed: \(detail)."
        case .storage(let detail): "Could not save the device state: \(detail)."
        }
    }
}

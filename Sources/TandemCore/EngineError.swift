/// An intent `SyncEngine` cannot carry out as given (bad input, nothing to act on) or a profile file that cannot be
/// written. Expected results of talking to the server are outcomes (``SyncOutcome``, ``AccountOutcome``), not errors.
/// The descriptions state facts for logs; front ends word them for people.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case invalidEmail(String)
    case emptyPassword
    case noPendingMerge
    case unknownConflict(String)
    case invalidKey
    case keyDerivation(String)
    case storage(String)

    public var description: String {
        switch self {
        case .invalidEmail(let email): "'\(email)' is not an email address"
        case .emptyPassword: "empty password"
        case .noPendingMerge: "no merge is pending"
        case .unknownConflict(let key): "no conflict on '\(key)'"
        case .invalidKey: "empty preference key"
        case .keyDerivation(let detail): "key derivation failed: \(detail)"
        case .storage(let detail): "the profile file could not be written: \(detail)"
        }
    }
}

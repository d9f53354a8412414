import TandemWire

/// A request the protocol refuses, with the detail that follows the status text in `{"error": ...}`.
public enum ServiceFailure: Error, Equatable, Sendable {
    case badRequest(String)
    case unauthorized(String)
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    /// Over a rate limit; the client may try again after `retryAfter` seconds.
    case tooManyRequests(String, retryAfter: Int)
    /// The server has more work queued than it takes on (password hashing); try again after `retryAfter` seconds.
    case unavailable(String, retryAfter: Int)

    public init(_ problem: RequestProblem) { self = .badRequest(problem.detail) }

    public static let tokenNotFound = ServiceFailure.unauthorized("Token Not Found")
    public static let noMatch = ServiceFailure.unauthorized("No match for email and/or password")
    public static let staleSequence = ServiceFailure.conflict("Bad sequence number")

    /// Over `limit`: `wait` is how long until the next attempt counts, rounded up to whole seconds for `Retry-After`.
    public static func overLimit(_ detail: String, wait: Duration) -> ServiceFailure {
        .tooManyRequests(detail, retryAfter: max(1, Int((wait / .seconds(1)).rounded(.up))))
    }

    public var detail: String {
        switch self {
        case .badRequest(let detail), .unauthorized(let detail), .forbidden(let detail), .notFound(let detail),
             .conflict(let detail), .tooManyRequests(let detail, _), .unavailable(let detail, _): detail
        }
    }
}

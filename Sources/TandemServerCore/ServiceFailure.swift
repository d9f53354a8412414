import TandemWire

/// A request the protocol refuses, with the detail that follows the status text in `{"error": ...}`.
public enum ServiceFailure: Error, Equatable, Sendable {
    case badRequest(String)
    case unauthorized(String)
    case forbidden(String)
    case notFound(String)
    case conflict(String)

    public init(_ problem: RequestProblem) { self = .badRequest(problem.detail) }

    public static let tokenNotFound = ServiceFailure.unauthorized("Token Not Found")
    public static let noMatch = ServiceFailure.unauthorized("No match for email and/or password")
    public static let staleSequence = ServiceFailure.conflict("Bad sequence number")

    public var detail: String {
        switch self {
        case .badRequest(let detail), .unauthorized(let detail), .forbidden(let detail), .notFound(let detail),
             .conflict(let detail): detail
        }
    }
}

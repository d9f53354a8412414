/// Why a request was refused before any work was done; the server answers 400 `Bad Request: <detail>`.
public struct RequestProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { detail }

    /// The body was not valid JSON at all.
    public static let malformedJSON = RequestProblem("Error parsing JSON")
}

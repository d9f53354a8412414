import Foundation
import Hummingbird
import TandemServerCore
import TandemWire

/// An error answer with the protocol's body `{"error": "<status text>[: <detail>]"}`.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    public let detail: String?

    public init(_ status: HTTPResponse.Status, _ detail: String? = nil) {
        self.status = status
        self.detail = detail
    }

    public init(_ failure: ServiceFailure) {
        switch failure {
        case .badRequest(let detail): self.init(.badRequest, detail)
        case .unauthorized(let detail): self.init(.unauthorized, detail)
        case .forbidden(let detail): self.init(.forbidden, detail)
        case .notFound(let detail): self.init(.notFound, detail)
        case .conflict(let detail): self.init(.conflict, detail)
        }
    }

    public static let internalServerError = APIError(.internalServerError)

    /// The text of the `error` field.
    public var message: String {
        detail.map { "\(status.reasonPhrase): \($0)" } ?? status.reasonPhrase
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONBody.response(ErrorBody(error: message), status: status)
    }
}

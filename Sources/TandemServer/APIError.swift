import Foundation
import Hummingbird
import TandemServerCore
import TandemWire

/// An error answer with the protocol's body `{"error": "<status text>[: <detail>]"}`.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    public let detail: String?
    /// Sent with the body: `Allow` on 405, `Retry-After` on 429 and 503, `Connection: close` on refused upgrades.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ detail: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    public init(_ failure: ServiceFailure) {
        switch failure {
        case .badRequest(let detail): self.init(.badRequest, detail)
        case .unauthorized(let detail): self.init(.unauthorized, detail)
        case .forbidden(let detail): self.init(.forbidden, detail)
        case .notFound(let detail): self.init(.notFound, detail)
        case .conflict(let detail): self.init(.conflict, detail)
        case let .tooManyRequests(detail, retryAfter): self.init(.tooManyRequests, detail, headers: [.retryAfter: String(retryAfter)])
        case let .unavailable(detail, retryAfter): self.init(.serviceUnavailable, detail, headers: [.retryAfter: String(retryAfter)])
        }
    }

    public static let internalServerError = APIError(.internalServerError)

    /// The text of the `error` field.
    public var message: String {
        detail.map { "\(status.reasonPhrase): \($0)" } ?? status.reasonPhrase
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONBody.response(ErrorBody(error: message), status: status, headers: headers)
    }
}

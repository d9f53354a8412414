import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import TandemServerCore
import TandemWire

/// Turns every failure into the protocol's JSON error body and records each request in the metrics.
///
/// It also decides what an unrouted request gets: 405 with `Allow` for a known path with the wrong method, 404 naming
/// the endpoint or the supported API version otherwise. A request whose body breaks off or is malformed (a bad chunk,
/// fewer bytes than its `Content-Length`, a stall) is the client's mistake: 400 or 408, and the connection closes.
/// Anything unexpected is logged and answered with a bare 500.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each path the server answers, with its methods, for telling a wrong method (405) from an unknown endpoint (404).
    let allowedMethods: [String: String]
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try apiError(for: error, request: request, context: context).response(from: request, context: context)
        }
        metrics.recordRequest(path: allowedMethods[request.uri.path] != nil ? request.uri.path : "other",
                              status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }

    private func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError: return error
        case let failure as ServiceFailure: return APIError(failure)
        case let problem as RequestProblem: return APIError(.badRequest, problem.detail)
        case let error as HTTPError where error.status == .notFound: return unrouted(request)
        case let error as HTTPError where error.status.code < 500: return APIError(error.status, error.body)
        case is HTTPParserError, is ByteToMessageDecoderError:
            return APIError(.badRequest, "Malformed request body", headers: [.connection: "close"])
        case is RequestTimeout:
            return APIError(.requestTimeout, "The request did not arrive in time", headers: [.connection: "close"])
        default:
            context.logger.error("Request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return .internalServerError
        }
    }

    private func unrouted(_ request: Request) -> APIError {
        let path = request.uri.path
        if let allowed = allowedMethods[path] { return APIError(.methodNotAllowed, headers: [.allow: allowed]) }
        if path.hasPrefix("/api/3/") || path == "/api/3" { return APIError(.notFound, "Unknown Endpoint") }
        if path.hasPrefix("/api/") { return APIError(.notFound, "Unknown API version; this server speaks version 3 at /api/3") }
        return APIError(.notFound)
    }
}

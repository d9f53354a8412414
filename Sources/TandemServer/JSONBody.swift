import Foundation
import Hummingbird
import NIOCore
import TandemWire

/// Reading request bodies within the protocol's limit, and writing JSON answers.
enum JSONBody {
    /// Bodies above this many bytes are refused with 413.
    static let maximumSize = 100_000

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    static func bytes(of request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumSize {
            throw APIError(.contentTooLarge, "Request body is larger than \(maximumSize) bytes")
        }
        do {
            let buffer = try await request.body.collect(upTo: maximumSize)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "Request body is larger than \(maximumSize) bytes")
        }
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The JSON error body of `error`, for answers written below the router.
    static func errorBytes(_ error: APIError) -> [UInt8] {
        Array((try? encoder.encode(ErrorBody(error: error.message))) ?? Data(#"{"error":"Bad Request"}"#.utf8))
    }
}

import Foundation
import Hummingbird
import NIOCore

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

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

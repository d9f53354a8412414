import Hummingbird
import NIOCore

/// The answer to `GET /wallet`: the bytes `AccountService.walletAnswer` gives (cached per account, or written from
/// the store's wallet by `WalletPayload.answerJSON`).
enum WalletAnswer {
    private static let headers: HTTPFields = [.contentType: "application/json"]

    static func response(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Hummingbird
import NIOCore
import TandemWire

/// The answer to `GET /wallet`, written by hand: it is the request devices make most, and `JSONEncoder` (a keyed
/// container, a sort of the keys and a `Data` copied into a buffer for three fields) was a large share of its
/// instructions. The bytes are what `JSONBody.response` wrote: compact, keys sorted, slashes unescaped.
enum WalletAnswer {
    private static let headers: HTTPFields = [.contentType: "application/json"]

    static func response(_ wallet: WalletPayload) -> Response {
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes(wallet))))
    }

    static func bytes(_ wallet: WalletPayload) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(wallet.encryptedWallet.utf8.count + wallet.hmac.utf8.count + 64)
        bytes.append(contentsOf: #"{"encryptedWallet":"#.utf8)
        JSONWriter.appendString(wallet.encryptedWallet, to: &bytes)
        bytes.append(contentsOf: #","hmac":"#.utf8)
        JSONWriter.appendString(wallet.hmac, to: &bytes)
        bytes.append(contentsOf: #","sequence":"#.utf8)
        bytes.append(contentsOf: String(wallet.sequence).utf8)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

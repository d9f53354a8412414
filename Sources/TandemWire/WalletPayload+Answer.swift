extension WalletPayload {
    /// The body of `GET /wallet`, written by hand: it is the request devices make most, and `JSONEncoder` (a keyed
    /// container, a sort of the keys and a `Data` copied into a buffer for three fields) was a large share of its
    /// instructions. The bytes are what `JSONEncoder` writes with sorted keys and unescaped slashes.
    public var answerJSON: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encryptedWallet.utf8.count + hmac.utf8.count + 64)
        bytes.append(contentsOf: #"{"encryptedWallet":"#.utf8)
        JSONWriter.appendString(encryptedWallet, to: &bytes)
        bytes.append(contentsOf: #","hmac":"#.utf8)
        JSONWriter.appendString(hmac, to: &bytes)
        bytes.append(contentsOf: #","sequence":"#.utf8)
        bytes.append(contentsOf: String(sequence).utf8)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

/// A reproducible stream of HTTP requests for the server: well-formed requests of every endpoint, mutated the ways
/// clients and attackers get them wrong (broken request lines, lying lengths, bad chunks, upgrade headers with
/// bodies, huge or binary headers, malformed JSON). The same seed always yields the same requests.
public struct RequestMutator {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let templates: [(method: String, target: String, body: String?)] = [
        ("GET", "/api/3/wallet?token=\(String(repeating: "ab", count: 32))", nil),
        ("POST", "/api/3/wallet", #"{"token":"abc","encryptedWallet":"tandem1:AAAA","sequence":1,"hmac":"ff"}"#),
        ("GET", "/api/3/client-salt-seed?email=am9lQGV4YW1wbGUuY29t", nil),
        ("POST", "/api/3/auth/full", #"{"deviceId":"d","email":"joe@example.com","password":"login-password"}"#),
        ("POST", "/api/3/signup", #"{"email":"fuzz@example.com","password":"login-password","clientSaltSeed":"\#(String(repeating: "0a", count: 32))"}"#),
        ("POST", "/api/3/password", #"{"email":"joe@example.com","oldPassword":"aaaaaaaa","newPassword":"bbbbbbbb","clientSaltSeed":"\#(String(repeating: "0b", count: 32))"}"#),
        ("GET", "/api/3/verify?verifyToken=abc", nil),
        ("GET", "/api/3/websocket?token=abc", nil),
        ("GET", "/metrics", nil),
        ("GET", "/api/2/wallet", nil),
    ]

    /// The next request, as bytes to send.
    public mutating func next() -> [UInt8] {
        let template = Self.templates[random.below(Self.templates.count)]
        var method = template.method, target = template.target, body = template.body.map { Array($0.utf8) } ?? []
        var headers = [("Host", "127.0.0.1")]
        if template.body != nil { headers.append(("Content-Type", "application/json")) }
        var lengthHeader: String? = String(body.count)
        var requestLine: String?
        var chunked = false

        for _ in 0..<(1 + random.below(3)) {
            switch random.below(14) {
            case 0: method = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "G\u{1}T", "", "CONNECT"][random.below(10)]
            case 1: target = target + String(repeating: "%zz/../", count: random.below(50))
            case 2: requestLine = ["GARBAGE", "GET / HTTP/9.9", "GET", " / HTTP/1.1", "GET /\u{0} HTTP/1.1", "\u{16}\u{3}\u{1}"][random.below(6)]
            case 3: lengthHeader = [String(body.count + 1 + random.below(20)), String(max(0, body.count - 1 - random.below(5))), "-1", "abc", "99999999999999999999"][random.below(5)]
            case 4: lengthHeader = nil; chunked = true
            case 5: headers.append(("Upgrade", "websocket")); headers.append(("Connection", "Upgrade"))
                headers.append(("Sec-WebSocket-Version", ["13", "8", ""][random.below(3)])); headers.append(("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
            case 6: headers.append(("X-Fuzz", String(repeating: "a", count: [100, 10_000, 20_000][random.below(3)])))
            case 7: headers.append((String(decoding: random.bytes(1 + random.below(8)), as: UTF8.self), "v"))
            case 8: body = mutateBytes(body)
            case 9: body = Array(["null", "[]", "3", "{", #"{"token":1}"#, #"{"sequence":1.5}"#, String(repeating: "[", count: 5000), "\u{FEFF}{}"][random.below(8)].utf8)
                if lengthHeader != nil { lengthHeader = String(body.count) }
            case 10: headers += Array(repeating: ("X-Many", "1"), count: random.below(300))
            case 11: headers.append(("Transfer-Encoding", ["chunked", "gzip", "chunked, identity"][random.below(3)])); chunked = headers.last?.1 == "chunked"
            case 12: headers.append(("Connection", ["close", "keep-alive", "Upgrade"][random.below(3)]))
            default: target = "/" + String(decoding: random.bytes(random.below(40)).map { $0 % 94 + 33 }, as: UTF8.self)
            }
        }
        if let lengthHeader, !chunked, body.count > 0 || method == "POST" { headers.append(("Content-Length", lengthHeader)) }
        var text = (requestLine ?? "\(method) \(target) HTTP/1.1") + "\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        var bytes = Array(text.utf8)
        if chunked {
            bytes += random.below(3) == 0 ? Array("zz\r\n".utf8) : Array((String(body.count, radix: 16) + "\r\n").utf8) + body + Array("\r\n0\r\n\r\n".utf8)
        } else {
            bytes += body
        }
        return random.below(8) == 0 ? mutateBytes(bytes) : bytes
    }

    private mutating func mutateBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return random.bytes(random.below(16)) }
        var bytes = bytes
        let at = random.below(bytes.count)
        switch random.below(4) {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes.insert(contentsOf: random.bytes(1 + random.below(8)), at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(16)))
        default: bytes = Array(bytes[..<at])
        }
        return bytes
    }
}

/// SplitMix64: tiny, fast and the same on every platform, so a seed names a run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import TandemCrypto
import TandemServer
import TandemServerCore
import TandemWire
import Testing

/// Captures verification mail instead of sending it (we cannot reach a real mail provider from tests).
final class RecordingMailer: Mailer {
    private let messages = Mutex<[MailMessage]>([])
    func send(_ message: MailMessage) async throws { messages.withLock { $0.append(message) } }
    var sent: [MailMessage] { messages.withLock { $0 } }

    /// The secret of the newest verification link sent.
    var lastVerifyToken: String? {
        sent.last?.body.split(separator: "\n").first(where: { $0.contains("verifyToken=") })
            .flatMap { $0.split(separator: "=").last.map(String.init) }
    }
}

/// A server application with a fast (reduced, clearly test-only) password hashing cost.
struct ServerHarness {
    var configuration = ServerConfiguration()
    var components: ServerComponents
    let mailer = RecordingMailer()

    init(mode: VerificationMode = .allowAll, store: any AccountStore = MemoryAccountStore()) {
        configuration.verification = mode
        configuration.passwordCost = .reducedForTesting(log2N: 10)
        configuration.port = 0
        configuration.rateLimits = .off  // RateLimitTests turn them on
        components = ServerComponents(store: store, mailer: mailer)
    }

    func test<Value: Sendable>(_ setup: TestingSetup = .router,
                               _ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "tandem-server-test")
        logger.logLevel = .warning
        let app = try buildApplication(configuration: configuration, components: components, logger: logger)
        return try await app.test(setup, body)
    }
}

/// A response as status, parsed JSON body (if any) and raw text.
struct APIResponse {
    let status: Int
    let text: String
    let contentType: String?
    var headers: HTTPFields = [:]

    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] }
    var error: String? { json?["error"] as? String }
    subscript(key: String) -> Any? { json?[key] }
}

extension TestClientProtocol {
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> APIResponse {
        try await execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) }) { response in
            APIResponse(status: Int(response.status.code), text: String(buffer: response.body),
                        contentType: response.headers[.contentType], headers: response.headers)
        }
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, json: [String: Any]) async throws -> APIResponse {
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await call(method, uri, body: String(decoding: data, as: UTF8.self))
    }
}

/// Shorthands for the API flows the tests repeat.
enum Flow {
    static let password = "login-password-1"
    static let seed = String(repeating: "5e", count: 32)

    static func signup(_ client: some TestClientProtocol, _ email: String = "joe@example.com") async throws -> APIResponse {
        try await client.call(.post, "/api/3/signup", json: ["email": email, "password": password, "clientSaltSeed": seed])
    }

    static func login(_ client: some TestClientProtocol, _ email: String = "joe@example.com", device: String = "laptop",
                      password: String = Flow.password) async throws -> String {
        let response = try await client.call(.post, "/api/3/auth/full", json: ["deviceId": device, "email": email, "password": password])
        #expect(response.status == 200, "login failed: \(response.text)")
        return try #require(response["token"] as? String)
    }

    static func postWallet(_ client: some TestClientProtocol, token: String, sequence: Int, wallet: String = "blob") async throws -> APIResponse {
        try await client.call(.post, "/api/3/wallet",
                              json: ["token": token, "encryptedWallet": wallet, "sequence": sequence, "hmac": "hmac\(sequence)"])
    }
}

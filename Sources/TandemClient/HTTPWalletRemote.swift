import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TandemCore
import TandemWire

/// `WalletRemote` over HTTP(S) with URLSession: API v3 requests, status codes mapped to outcomes and clear errors.
public struct HTTPWalletRemote: WalletRemote {
    public let baseURL: URL
    private let session: URLSession

    /// `server` is the server's base URL, e.g. `http://127.0.0.1:8090`.
    public init(server: URL, timeout: TimeInterval = 15) {
        baseURL = server
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        session = URLSession(configuration: configuration)
    }

    public func signup(email: String, loginPassword: String, clientSaltSeed: String) async throws(RemoteError) -> SignupOutcome {
        let reply = try await send("POST", "signup", body: SignupRequest(email: email, password: loginPassword, clientSaltSeed: clientSaltSeed))
        guard reply.status == 201 else { throw reply.error }
        return try reply.decode(SignupResponse.self).verified ? .verified : .verificationPending
    }

    public func clientSaltSeed(email: String) async throws(RemoteError) -> String {
        let reply = try await send("GET", "client-salt-seed", query: ["email": EmailQuery.encode(email)])
        guard reply.status == 200 else { throw reply.error }
        return try reply.decode(ClientSaltSeedResponse.self).clientSaltSeed
    }

    public func logIn(email: String, loginPassword: String, deviceID: String) async throws(RemoteError) -> String {
        let reply = try await send("POST", "auth/full", body: AuthRequest(deviceId: deviceID, email: email, password: loginPassword))
        guard reply.status == 200 else { throw reply.error }
        return try reply.decode(AuthResponse.self).token
    }

    public func wallet(token: String) async throws(RemoteError) -> SealedWallet? {
        let reply = try await send("GET", "wallet", query: ["token": token])
        switch reply.status {
        case 200: return try reply.decode(SealedWallet.self)
        case 404: return nil
        default: throw reply.error
        }
    }

    public func upload(_ wallet: SealedWallet, token: String) async throws(RemoteError) -> UploadOutcome {
        let reply = try await send("POST", "wallet", body: WalletUploadRequest(token: token, wallet: wallet))
        switch reply.status {
        case 200: return .accepted
        case 409: return .stale
        default: throw reply.error
        }
    }

    public func changePassword(email: String, oldLoginPassword: String, newLoginPassword: String, clientSaltSeed: String,
                               wallet: SealedWallet?) async throws(RemoteError) -> UploadOutcome {
        let request = PasswordChangeRequest(email: email, oldPassword: oldLoginPassword, newPassword: newLoginPassword,
                                            clientSaltSeed: clientSaltSeed, wallet: wallet)
        let reply = try await send("POST", "password", body: request)
        switch reply.status {
        case 200: return .accepted
        case 409: return .stale
        default: throw reply.error
        }
    }

    // MARK: Transport

    struct Reply {
        let status: Int
        let data: Data
        /// The `Retry-After` header in seconds, when the server sent one.
        var retryAfter: Int? = nil

        func decode<T: Decodable>(_ type: T.Type) throws(RemoteError) -> T {
            do {
                return try JSONDecoder().decode(type, from: data)
            } catch {
                throw .unexpected("status \(status) with a body that is not a \(type) (\(String(decoding: data.prefix(200), as: UTF8.self)))")
            }
        }

        /// The server's `{"error": ...}` message (or the raw body), as the error for this status.
        var error: RemoteError {
            let message = (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error
                ?? String(decoding: data.prefix(200), as: UTF8.self)
            switch status {
            case 401: return .unauthorized(message)
            case 400..<500: return .refused(status: status, message: message)
            default: return .unexpected("status \(status): \(message)")
            }
        }
    }

    func send(_ method: String, _ path: String, query: [String: String] = [:],
                      body: (some Encodable)? = Optional<EmptyResponse>.none) async throws(RemoteError) -> Reply {
        var components = URLComponents(url: baseURL.appendingPathComponent("api/3/\(path)"), resolvingAgainstBaseURL: false)
        if !query.isEmpty {
            // Percent-encode everything outside the unreserved set, '+' and '=' of base64 included.
            components?.percentEncodedQueryItems = query.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)
            }
        }
        guard let url = components?.url else { throw .unexpected("cannot form a URL from \(baseURL)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            do {
                request.httpBody = try JSONEncoder().encode(body)
            } catch {
                throw .unexpected("could not encode the request: \(error)")
            }
        }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw RemoteError.unexpected("not an HTTP response") }
            return Reply(status: http.statusCode, data: data,
                         retryAfter: http.value(forHTTPHeaderField: "Retry-After").flatMap { Int($0) })
        } catch let error as RemoteError {
            throw error
        } catch let error as URLError {
            throw Self.describe(error, url: baseURL)
        } catch {
            throw .unreachable("\(error.localizedDescription)")
        }
    }

    private static func describe(_ error: URLError, url: URL) -> RemoteError {
        switch error.code {
        case .timedOut: .timedOut
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            .tls("\(url.host() ?? url.absoluteString): \(error.localizedDescription)")
        case .cannotConnectToHost, .cannotFindHost, .networkConnectionLost, .notConnectedToInternet, .dnsLookupFailed:
            .unreachable("\(url.absoluteString) (\(error.localizedDescription))")
        default:
            .unreachable("\(url.absoluteString) (\(error.localizedDescription))")
        }
    }
}

import Hummingbird

/// The routes of API v3 and the metrics endpoint.
enum APIPath {
    static let signup: RouterPath = "/api/3/signup"
    static let clientSaltSeed: RouterPath = "/api/3/client-salt-seed"
    static let authFull: RouterPath = "/api/3/auth/full"
    static let wallet: RouterPath = "/api/3/wallet"
    static let password: RouterPath = "/api/3/password"
    static let verify: RouterPath = "/api/3/verify"
    static let verifyResend: RouterPath = "/api/3/verify/resend"
    static let websocket: RouterPath = "/api/3/websocket"
    static let metrics: RouterPath = "/metrics"
    // Tandem extensions: devices and account deletion.
    static let devices: RouterPath = "/api/3/devices"
    static let revokeDevice: RouterPath = "/api/3/devices/revoke"
    static let logout: RouterPath = "/api/3/logout"
    static let deleteAccount: RouterPath = "/api/3/account/delete"

    /// The paths as strings, for telling 405 from 404.
    static let all = Set([signup, clientSaltSeed, authFull, wallet, password, verify, verifyResend, websocket, metrics].map(\.description))
}

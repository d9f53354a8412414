import Hummingbird

/// The routes of API v3 and the operator's endpoints (metrics, health, readiness).
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
    static let health: RouterPath = "/healthz"
    static let ready: RouterPath = "/readyz"
    // Tandem extensions: devices and account deletion.
    static let devices: RouterPath = "/api/3/devices"
    static let revokeDevice: RouterPath = "/api/3/devices/revoke"
    static let logout: RouterPath = "/api/3/logout"
    static let deleteAccount: RouterPath = "/api/3/account/delete"

    /// Every path the server answers with the methods it answers there: a known path with another method is 405 with
    /// this as `Allow`, any other path 404. A route added without an entry here would answer 404 to a wrong method.
    static let allowedMethods: [String: String] = [
        signup.description: "POST",
        clientSaltSeed.description: "GET",
        authFull.description: "POST",
        wallet.description: "GET, POST",
        password.description: "POST",
        verify.description: "GET",
        verifyResend.description: "POST",
        websocket.description: "GET",
        metrics.description: "GET",
        health.description: "GET",
        ready.description: "GET",
        devices.description: "GET",
        revokeDevice.description: "POST",
        logout.description: "POST",
        deleteAccount.description: "POST",
    ]
}

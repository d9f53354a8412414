import TandemServerCore

/// What the `RequestGate` learns about a websocket upgrade request before the upgrade.
enum SocketAdmission: Sendable {
    /// Upgrade: the socket already holds its place under the account's socket cap.
    case admitted(AdmittedSocket)
    /// Answer with this error instead (its JSON body), and close.
    case refused(APIError)
}

/// An upgrade request the gate admitted: whose socket it becomes.
struct AdmittedSocket: Sendable {
    let account: AccountID
    let deviceKey: String
    let token: String
    /// The optional catch-up parameter: the sequence the device already has.
    let since: UInt32?
}

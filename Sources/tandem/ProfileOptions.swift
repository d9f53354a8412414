import ArgumentParser
import Foundation
import TandemClient
import TandemCore
import TandemCrypto

/// The options every subcommand takes: which device (profile) and which server.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Device profile to act as (env TANDEM_PROFILE). (default: default)")
    var profile: String?

    @Option(help: ArgumentHelp(
        "Sync server URL (env TANDEM_SERVER); stored at register/login. (default: http://127.0.0.1:8090)",
        discussion: "A signed-in profile keeps its server: a different URL here is refused (see `tandem config server`)."))
    var server: String?

    static let defaultServer = "http://127.0.0.1:8090"

    var profileName: String { profile ?? ProcessInfo.processInfo.environment["TANDEM_PROFILE"] ?? "default" }

    /// The server named by flag or environment, if any.
    var requestedServer: String? { server ?? ProcessInfo.processInfo.environment["TANDEM_SERVER"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Where `requestedServer` came from, for messages.
    private var serverSource: String { server != nil ? "--server" : "TANDEM_SERVER" }

    /// Refuses a requested server that differs from the one a signed-in profile uses: quietly ignoring it would
    /// sync with a server the user did not name, and quietly switching would leave the device half on each.
    func refuseServerMismatch(_ snapshot: SyncSnapshot) throws(CLIError) {
        guard let requested = requestedServer, snapshot.email != nil, let stored = snapshot.server,
              Self.sameServer(requested, stored) == false else { return }
        throw CLIError("Profile '\(profileName)' syncs with \(stored), not \(requested) (\(serverSource)); to move it, run "
                       + "`tandem config server \(requested) --profile \(profileName)`, or leave out \(serverSource).")
    }

    /// Equal URLs up to a trailing slash and the case of scheme and host.
    static func sameServer(_ one: String, _ other: String) -> Bool {
        func normal(_ url: String) -> String {
            var text = url.hasSuffix("/") ? String(url.dropLast()) : url
            if let components = URLComponents(string: text) {
                var lowered = components
                lowered.scheme = components.scheme?.lowercased()
                lowered.host = components.host?.lowercased()
                text = lowered.string ?? text
            }
            return text
        }
        return normal(one) == normal(other)
    }

    /// The server for register/login: as requested, else the one stored, else the default.
    func server(for engine: SyncEngine) async throws -> String {
        let chosen: String
        if let requestedServer { chosen = requestedServer } else { chosen = await engine.snapshot.server ?? Self.defaultServer }
        guard let url = URL(string: chosen), ["http", "https"].contains(url.scheme ?? ""), url.host() != nil else {
            throw CLIError("'\(chosen)' is not a server URL like http://127.0.0.1:8090.")
        }
        return chosen
    }

    /// Opens the profile's state and an engine over HTTP and the websocket.
    func openEngine() async throws -> SyncEngine {
        var configuration = SyncEngine.Configuration()
        if let log2N = ProcessInfo.processInfo.environment["TANDEM_INSECURE_KDF_LOG2N"].flatMap(Int.init) {
            // Only for tests: every device of the account must use the same (weakened) setting.
            configuration.keyDerivationCost = .reducedForTesting(log2N: max(10, log2N))
        }
        let store: SQLiteSyncStateStore
        let path = try ProfileCatalog.path(of: profileName)
        do {
            store = try SQLiteSyncStateStore(path: path)
        } catch {
            throw CLIError("Cannot open the state of profile '\(profileName)': \(error).")
        }
        return try await SyncEngine(
            store: store,
            makeRemote: { HTTPWalletRemote(server: URL(string: $0) ?? URL(string: Self.defaultServer)!) },
            makeFeed: { WebSocketUpdateFeed(server: URL(string: $0) ?? URL(string: Self.defaultServer)!) },
            configuration: configuration)
    }
}

/// A failure reported as one sentence on stderr with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

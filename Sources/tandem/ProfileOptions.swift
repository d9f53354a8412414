import ArgumentParser
import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import TandemTUI

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

    /// The server a command should use for a profile that has `stored`: `--server` always (a mismatch is refused
    /// before), `TANDEM_SERVER` only when the profile has none yet.
    func effectiveServer(stored: String?) -> String? { server ?? stored ?? requestedServer }

    /// Refuses an explicit `--server` that differs from the one a signed-in profile uses: quietly ignoring it would
    /// sync with a server the user did not name, and quietly switching would leave the device half on each.
    /// `TANDEM_SERVER` is only an offer for a profile without a server (it is set once in a shell for every profile,
    /// so a profile signed in elsewhere simply keeps its own).
    func refuseServerMismatch(_ snapshot: SyncSnapshot) throws(CLIError) {
        guard let requested = server, snapshot.email != nil, let stored = snapshot.server,
              Self.sameServer(requested, stored) == false else { return }
        throw CLIError("Profile '\(profileName)' syncs with \(stored), not \(requested) (--server); to move it, run "
                       + "`tandem config server \(requested) --profile \(profileName)`, or leave out --server.")
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
        let chosen = effectiveServer(stored: await engine.snapshot.server) ?? Self.defaultServer
        if let problem = ServerURL.problem(chosen) { throw CLIError(problem) }
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
        let isNew = !FileManager.default.fileExists(atPath: path)
        do {
            store = try SQLiteSyncStateStore(path: path)
        } catch {
            throw CLIError("Cannot open the state of profile '\(profileName)': \(error).")
        }
        do {
            // The profile file is read (and migrated) here, so a damaged file is reported here.
            let engine = try await SyncEngine(
                store: store,
                makeRemote: { HTTPWalletRemote(server: URL(string: $0) ?? URL(string: Self.defaultServer)!) },
                makeFeed: { WebSocketUpdateFeed(server: URL(string: $0) ?? URL(string: Self.defaultServer)!) },
                configuration: configuration)
            // A new profile starts with the auto-sync of the settings file (on unless it says off).
            if isNew, SettingsFile.load().0.autoSync == false { try await engine.setAutoSync(false) }
            return engine
        } catch let error as EngineError {
            throw error
        } catch {
            throw CLIError("Cannot open the state of profile '\(profileName)': \(error).")
        }
    }
}

/// A failure reported as one sentence on stderr with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

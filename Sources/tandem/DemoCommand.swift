import ArgumentParser
import Foundation
import Synchronization
import TandemClient
import TandemCore
import TandemTUI

/// `tandem demo`: an embedded server and two devices side by side, signed in to one account, in one screen.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Tandem in one command: an embedded server and two devices (laptop, desktop) side by side.",
        discussion: """
        Everything lives in a temporary directory that is removed on exit; your profiles are not touched. Key \
        derivation is weakened (scrypt N=2^\(DemoCommand.log2N) instead of 2^20) so the demo starts in a second.
        """)

    @Option(help: "Theme: default, light, high-contrast, monochrome, or a file of yours in $XDG_CONFIG_HOME/tandem/themes.")
    var theme: String?
    @Flag(help: "Let the UI take mouse clicks and the wheel (M toggles it inside; while off, the terminal selects text).")
    var mouse = false

    static let email = "demo@example.com"
    static let password = "tandem-demo"
    static let log2N = 14
    static let devices = ["laptop", "desktop"]
    static let preferences: KeyValuePairs = [
        "editor": "vim", "font.size": "13", "greeting": "héllo, 世界", "language": "en", "shell": "zsh", "theme": "dark",
    ]

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.fail("The demo needs a terminal.")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = SyncEngine.Configuration()
        configuration.keyDerivationCost = .reducedForTesting(log2N: Self.log2N)
        var engines: [SyncEngine] = []
        for name in Self.devices {
            let store = try SQLiteSyncStateStore(path: directory.appendingPathComponent("\(name).sqlite").path)
            engines.append(try await SyncEngine(
                store: store,
                makeRemote: { HTTPWalletRemote(server: URL(string: $0) ?? URL(string: ProfileOptions.defaultServer)!) },
                makeFeed: { WebSocketUpdateFeed(server: URL(string: $0) ?? URL(string: ProfileOptions.defaultServer)!) },
                configuration: configuration))
        }
        // Off on both: with auto-sync on, an edit would be pushed before a conflict could be made to show.
        for engine in engines { try await engine.setAutoSync(false) }
        var state = AppState(devices: Self.devices.map { DevicePanel(name: $0) })
        state.banner = "demo: weakened key derivation (scrypt N=2^\(Self.log2N))"
        state.hint = "Make a conflict: edit the same key on both devices (Tab switches, e edits), then press s on each."
        for index in state.devices.indices {
            state.devices[index].note("demo: weakened key derivation (scrypt N=2^\(Self.log2N) instead of 2^20) so the demo "
                                      + "starts fast; real profiles use full strength.", level: .warning, at: state.now)
        }
        state.mouse = mouse
        let (catalog, messages) = UISession.themes(requested: theme, state: &state)
        let server = Mutex<DemoServer?>(nil)
        let frozenEngines = engines
        let (_, outcome) = await UISession(engines: engines, catalog: catalog).run(state: state) { queue in
            do {
                let started = try await DemoServer.start(directory: directory)
                server.withLock { $0 = started }
                try await Self.prepare(frozenEngines, server: started.url)
                queue.send(.notice("Ready: laptop and desktop share \(Self.email) (password \(Self.password)) on \(started.url).",
                                   level: .success, device: nil))
            } catch {
                queue.send(.notice("The demo could not start: \(Self.describe(error))", level: .error, device: nil))
            }
        }
        await server.withLock { $0 }?.stop()
        // Before exiting: a failure ends the process at once, and deferred clean-up would not run.
        try? FileManager.default.removeItem(at: directory)
        try UISession.exit(after: outcome, messages: messages)
    }

    /// Registers the laptop with a few preferences and pushes them, logs the desktop in, and has both listen.
    private static func prepare(_ engines: [SyncEngine], server: String) async throws {
        let laptop = engines[0], desktop = engines[1]
        try check(try await laptop.register(server: server, email: email, password: password))
        for (key, value) in preferences { try await laptop.setPreference(key, to: value) }
        if let failure = OutcomeWords.failure(await laptop.sync(), hints: .keys) { throw CLIError(failure) }
        try check(try await desktop.logIn(server: server, email: email, password: password))
        await laptop.startWatching()
        await desktop.startWatching()
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? EngineError { return OutcomeWords.sentence(error) }
        if let error = error as? CLIError { return error.message }
        return "\(error)."
    }

    private static func check(_ outcome: AccountOutcome) throws {
        if let failure = OutcomeWords.failure(outcome, email: email, hints: .keys) { throw CLIError(failure) }
    }
}

import ArgumentParser
import Foundation
import TandemCore
import TandemTUI
import TandemTerminal

/// `tandem` with no subcommand: the terminal UI for one profile.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI for the profile (what `tandem` alone does).",
        discussion: "Press ? inside for every key. Themes: --theme NAME, t cycles; NO_COLOR gives monochrome.")

    @OptionGroup var options: ProfileOptions
    @Option(help: "Theme: default, light, high-contrast, monochrome, or a file of yours in $XDG_CONFIG_HOME/tandem/themes.")
    var theme: String?
    @Flag(help: .hidden) var exitAfterFirstFrame = false

    func run() async throws {
        // Checked before the profile is opened, so a script calling plain `tandem` creates nothing.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.fail("The terminal UI needs a terminal; in scripts use the subcommands (tandem --help).")
        }
        let engine: SyncEngine
        let isNew: Bool
        do {
            isNew = try !ProfileCatalog.exists(options.profileName)
            engine = try await options.openEngine()
            try options.refuseServerMismatch(await engine.snapshot)
        } catch let error as CLIError {
            Output.fail(error.message)
        } catch let error as EngineError {
            Output.fail(OutcomeWords.sentence(error))
        }
        var state = AppState(devices: [DevicePanel(name: options.profileName)],
                             defaultServer: options.requestedServer ?? ProfileOptions.defaultServer)
        state.devices[0].serverChoice = options.requestedServer
        let (catalog, messages) = UISession.themes(requested: theme, state: &state)
        // The UI is where a new device signs up or logs in, so it may create the profile; a mistyped name should
        // not go unnoticed, though.
        let others = ProfileCatalog.names().filter { $0 != options.profileName }
        if isNew, !others.isEmpty, messages.isEmpty {
            state.show("New profile '\(options.profileName)'; the others here: \(others.joined(separator: ", ")).", .warning)
        }
        var session = UISession(engines: [engine], catalog: catalog)
        let onlyFirstFrame = exitAfterFirstFrame
        session.options.exitAfterFirstFrame = onlyFirstFrame
        let (_, outcome) = await session.run(state: state) { _ in
            guard !onlyFirstFrame else { return }
            await engine.startWatching()
            switch await engine.snapshot.phase {
            case .idle, .awaitingResolution: _ = await engine.pull()
            default: break
            }
        }
        // Opened on a new name and left without an account or a preference: nothing worth keeping (a typo, say).
        let final = await engine.snapshot
        if isNew, final.email == nil, final.preferences.isEmpty { ProfileCatalog.removeNew(options.profileName) }
        try UISession.exit(after: outcome, messages: messages)
    }
}

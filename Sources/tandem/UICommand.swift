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
    @Flag(help: "Let the UI take mouse clicks and the wheel (M toggles it inside; while off, the terminal selects text).")
    var mouse = false
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
        let stored = await engine.snapshot.server
        var state = AppState(devices: [DevicePanel(name: options.profileName)],
                             defaultServer: options.effectiveServer(stored: stored) ?? ProfileOptions.defaultServer)
        // TANDEM_SERVER only offers a server to a profile that has none; --server was checked against it above.
        state.devices[0].serverChoice = options.effectiveServer(stored: stored)
        // Remembered settings; flags win for this run (and are not written back: only changes made inside are).
        let (settings, settingsProblems) = SettingsFile.load()
        state.mouse = mouse || (settings.mouse ?? false)
        var (catalog, messages) = UISession.themes(requested: theme ?? settings.theme, source: theme == nil ? SettingsFile.path : nil,
                                                   state: &state)
        for problem in settingsProblems {
            state.devices[0].note(problem, level: .warning, at: state.now)
            if messages.isEmpty { state.show(problem, .warning) }
            messages.append(problem)
        }
        let initial = (theme: state.themeName, themes: state.themeNames, mouse: state.mouse)
        // The UI is where a new device signs up or logs in, so it may create the profile; a mistyped name should
        // not go unnoticed, though.
        let others = ProfileCatalog.names().filter { $0 != options.profileName }
        if isNew, !others.isEmpty, messages.isEmpty {
            state.show("New profile '\(options.profileName)'; the others here: \(others.joined(separator: ", ")).", .warning)
        }
        var session = UISession(engines: [engine], catalog: catalog)
        let onlyFirstFrame = exitAfterFirstFrame
        session.options.exitAfterFirstFrame = onlyFirstFrame
        let (finalState, outcome) = await session.run(state: state) { _ in
            guard !onlyFirstFrame else { return }
            await engine.startWatching()
            switch await engine.snapshot.phase {
            case .idle, .awaitingResolution: _ = await engine.pull()
            default: break
            }
        }
        // What was changed inside (t, M) is remembered; a theme forced by NO_COLOR or the terminal is not a choice.
        if finalState.themeNames == initial.themes, finalState.themeName != initial.theme,
           let problem = SettingsFile.save("theme", finalState.themeName) {
            messages.append(problem)
        }
        if finalState.mouse != initial.mouse, let problem = SettingsFile.save("mouse", UserSettings.word(finalState.mouse)) {
            messages.append(problem)
        }
        // Opened on a new name and left without an account or a preference: nothing worth keeping (a typo, say).
        let final = await engine.snapshot
        if isNew, final.email == nil, final.preferences.isEmpty { ProfileCatalog.removeNew(options.profileName) }
        try UISession.exit(after: outcome, messages: messages)
    }
}

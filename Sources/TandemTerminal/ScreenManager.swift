import Foundation
import TandemTUI

/// The one loop that owns the screen (as in htop): apply queued actions, draw if anything changed, then wait for a
/// key, a wake-up from the queue, or the next clock tick. Runs on its own thread; keys never wait for the engine and
/// the engine never waits for keys.
final class ScreenManager {
    private var state: AppState
    private let catalog: ThemeCatalog
    private let queue: ActionQueue
    private let perform: @Sendable (Effect) -> Void
    private let terminal = Terminal()
    private var colorless = false
    private var dirty = true

    init(state: AppState, catalog: ThemeCatalog, queue: ActionQueue, perform: @escaping @Sendable (Effect) -> Void) {
        self.state = state
        self.catalog = catalog
        self.queue = queue
        self.perform = perform
    }

    /// Runs until the reducer asks to quit (or after the first frame with `exitAfterFirstFrame`).
    func run(output: Terminal.Output, exitAfterFirstFrame: Bool) throws(Terminal.StartFailure) -> AppState {
        try terminal.start(output: output)
        defer { terminal.stop() }
        adaptToTerminal()
        if state.mouse { terminal.setMouse(true) }
        _ = dispatch(.resized(terminal.size))
        var nextTick = Date().addingTimeInterval(1)
        while true {
            for action in queue.drain() where dispatch(action) { return state }
            if dirty {
                draw()
                if exitAfterFirstFrame { return state }
            }
            let wait = max(0, min(100, Int32(nextTick.timeIntervalSinceNow * 1000)))
            terminal.wait(wakeDescriptor: queue.wakeDescriptor, milliseconds: wait)
            while let event = terminal.nextEvent() {
                let quit = switch event {
                case .key(let key): dispatch(.key(key))
                case .resized(let size): dispatch(.resized(size))
                case .mouse(let event): dispatch(.mouse(event))
                }
                if quit { return state }
            }
            let now = Date()
            if now >= nextTick {
                nextTick = now.addingTimeInterval(1)
                if dispatch(.tick(now)) { return state }
            }
        }
    }

    /// No colour (NO_COLOR, or a terminal without it) means the monochrome theme; no UTF-8 means ASCII lines.
    private func adaptToTerminal() {
        state.asciiOnly = !terminal.isUTF8
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard noColor || !terminal.hasColors else { return }
        colorless = true
        state.themeNames = ["monochrome"]
        state.themeIndex = 0
        state.show(noColor ? "NO_COLOR is set: monochrome theme." : "This terminal has no colours: monochrome theme.")
    }

    /// Reduces one action and starts its effects; returns true when the UI should quit.
    private func dispatch(_ action: Action) -> Bool {
        let effects = reduce(&state, action)
        dirty = true
        var quit = false
        for effect in effects {
            switch effect {
            case .quit: quit = true
            // The terminal's own effects: done here, on the thread that owns the terminal, between frames.
            case .copy(let text): terminal.copyToClipboard(text)
            case .setMouse(let on): terminal.setMouse(on)
            default: perform(effect)
            }
        }
        return quit
    }

    private func draw() {
        let theme = catalog.theme(named: state.themeName) ?? ThemeCatalog.defaultTheme
        var screen = render(state, theme: theme, size: terminal.size)
        // A non-UTF-8 locale (LANG=C): only ASCII reaches the terminal, never Latin-1 bytes or dropped characters.
        if state.asciiOnly { screen = ASCIIFallback.screen(screen) }
        terminal.paint(screen, theme: colorless ? theme.withoutColor : theme)
        dirty = false
    }
}

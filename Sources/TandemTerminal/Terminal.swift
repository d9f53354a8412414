import CNcurses
import Foundation
import TandemTUI

/// The curses session: starts and restores the terminal, reads keys, paints screens. The only code that calls
/// ncurses, and used from one thread only (curses is not thread-safe).
final class Terminal {
    /// Where the frames go.
    enum Output {
        /// The process's terminal.
        case terminal
        /// Nowhere, as terminal `name` (benchmarks).
        case discard(terminalName: String)
    }

    enum Event: Equatable {
        case key(Key)
        case resized(Size)
        case mouse(MouseEvent)
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var size = Size(width: 0, height: 0)
    private(set) var hasColors = false
    private(set) var isUTF8 = false
    private var screenHandle: OpaquePointer?
    private var palette = Palette(colors: 0, enabled: false)
    private var previous: Screen?
    private var paintedTheme: Theme?
    private var cursorVisible = false
    private var bracketedPaste = false
    private var characters = [wchar_t](repeating: 0, count: 6)
    private let stderrCapture = StderrCapture()

    /// Takes over the terminal: alternate screen, no echo, keys one by one, colours if it has them.
    func start(output: Output = .terminal) throws(StartFailure) {
        // This thread may have been started by one that blocks signals (Swift's thread pools do). Unblocked here, a
        // resize interrupts the wait for keys at once, and a crash on this thread reaches the restoring handler.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGWINCH, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        setlocale(LC_ALL, "")
        isUTF8 = tandem_locale_is_utf8() != 0
        switch output {
        case .terminal:
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw StartFailure(description: "the terminal UI needs a terminal; in scripts use the subcommands (tandem --help)")
            }
            // Anything written to stderr while curses owns the screen would tear the frame; keep it for later.
            stderrCapture.begin()
            TerminalRestore.install(savedStderr: stderrCapture.savedDescriptor)
            screenHandle = tandem_newterm()
        case .discard(let name):
            screenHandle = name.withCString { tandem_newterm_discarding($0) }
        }
        guard screenHandle != nil else {
            stderrCapture.end()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw StartFailure(description: "cannot start the terminal UI for TERM=\(term); set TERM to your terminal's type (e.g. xterm-256color)")
        }
        TerminalRestore.setActive(true)
        cbreak()
        noecho()
        nonl()
        let window = tandem_stdscr()
        keypad(window, true)
        nodelay(window, true)
        intrflush(window, false)
        set_escdelay(25)
        curs_set(0)
        hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        palette = Palette(colors: Int(hasColors ? tandem_colors() : 0), enabled: hasColors)
        if case .terminal = output {
            // Bracketed paste: a paste arrives as one piece, so a newline in it cannot act as Enter.
            Self.send("\u{1B}[?2004h")
            bracketedPaste = true
        }
        size = Size(width: Int(tandem_cols()), height: Int(tandem_lines()))
    }

    /// Sets the size of a discarding screen (a real terminal reports its own size).
    func resize(to size: Size) {
        resizeterm(Int32(size.height), Int32(size.width))
        self.size = Size(width: Int(tandem_cols()), height: Int(tandem_lines()))
    }

    /// Gives the terminal back exactly as it was; safe to call twice.
    func stop() {
        guard screenHandle != nil else { return }
        if bracketedPaste { Self.send("\u{1B}[?2004l") }
        bracketedPaste = false
        curs_set(1)
        endwin()
        if let screenHandle { delscreen(screenHandle) }
        screenHandle = nil
        TerminalRestore.setActive(false)
        stderrCapture.end()
    }

    deinit { stop() }

    /// Writes a control sequence straight to the terminal (its order against curses' own output does not matter).
    private static func send(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    // MARK: Input

    /// Waits until a key arrives, `wakeDescriptor` becomes readable, or `milliseconds` pass.
    func wait(wakeDescriptor: Int32, milliseconds: Int32) {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 2, milliseconds)
    }

    /// The next key or resize already received, without waiting.
    func nextEvent() -> Event? {
        var character: wint_t = 0
        while true {
            let result = wget_wch(tandem_stdscr(), &character)
            if result == ERR { return nil }
            if result == KEY_CODE_YES {
                if Int32(character) == KEY_RESIZE {
                    size = Size(width: Int(tandem_cols()), height: Int(tandem_lines()))
                    return .resized(size)
                }
                if let key = Self.functionKey(Int32(character)) { return .key(key) }
                if Int32(character) == KEY_MOUSE, let event = mouseEvent() { return .mouse(event) }
                continue
            }
            if character == 27 { return .key(escapeSequence()) }
            if let key = Self.characterKey(UInt32(character)) { return .key(key) }
        }
    }

    /// After an Esc that keypad mode did not recognise: Alt and a character (Esc then the character), a bracketed
    /// paste (`Esc [200~` … `Esc [201~`), or Esc itself.
    private func escapeSequence() -> Key {
        guard let next = nextCharacter(waiting: false) else { return .escape }
        if next == "[" {
            var introducer = ""
            while introducer.count < 4, let character = nextCharacter(waiting: true) { introducer.append(character) }
            // Another sequence keypad mode does not know: dropped whole rather than typed as "[1;5D".
            return introducer == "200~" ? .paste(readPaste()) : .escape
        }
        if next == "\u{1B}" { return .escape }
        // Only an Alt key the UI uses takes the character: Esc and then a key sent at once (a script, a fast typist)
        // is still Esc followed by that key.
        if CommandTable.all.contains(where: { $0.keys.contains(.alt(next)) }) { return .alt(next) }
        if let scalar = next.unicodeScalars.first, next.unicodeScalars.count == 1 { unget_wch(wchar_t(bitPattern: scalar.value)) }
        return .escape
    }

    /// The pasted text up to `Esc [201~` (or 4 MiB, or a second without more input).
    private func readPaste() -> String {
        let end = "\u{1B}[201~"
        var text = ""
        var count = 0
        while count < 4 << 20, let character = nextCharacter(waiting: true) {
            text.append(character)
            count += 1
            if character == "~", text.hasSuffix(end) {
                text.removeLast(end.count)
                break
            }
        }
        return text
    }

    /// The next character of input, waiting up to a second for it when `waiting` (the rest of a sequence).
    private func nextCharacter(waiting: Bool) -> Character? {
        var character: wint_t = 0
        var result = wget_wch(tandem_stdscr(), &character)
        if result == ERR, waiting {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 1000)
            result = wget_wch(tandem_stdscr(), &character)
        }
        guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
        return Character(scalar)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        default: nil
        }
    }

    private static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        // Ctrl and a letter (Ctrl-J is line feed; Enter sends carriage return, since nonl() keeps it apart).
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    // MARK: Output

    /// Paints `screen` with `theme`, touching only the cells that changed since the last frame.
    func paint(_ screen: Screen, theme: Theme) {
        let window = tandem_stdscr()
        let full = previous?.size != screen.size || paintedTheme != theme
        if full {
            palette.prepare(theme)
            paintedTheme = theme
            werase(window)
            // After a resize or theme change the terminal's idea of the screen may be stale: redraw everything.
            clearok(tandem_curscr(), true)
        }
        let width = screen.size.width
        for y in 0..<screen.size.height {
            for x in 0..<width {
                let cell = screen.cells[y * width + x]
                if !full, let previous, previous.cells[y * width + x] == cell { continue }
                if cell.text.isEmpty { continue }
                paint(cell, x: Int32(x), y: Int32(y), window: window)
            }
        }
        if let cursor = screen.cursor {
            if !cursorVisible { curs_set(1) }
            cursorVisible = true
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        previous = screen
        wnoutrefresh(window)
        doupdate()
    }

    private func paint(_ cell: Cell, x: Int32, y: Int32, window: UnsafeMutablePointer<WINDOW>?) {
        var count = 0
        for scalar in cell.text.unicodeScalars where count < 5 {
            characters[count] = wchar_t(bitPattern: scalar.value)
            count += 1
        }
        characters[count] = 0
        let (attributes, pair) = palette.look(cell.role)
        var complex = cchar_t()
        setcchar(&complex, characters, attributes, pair, nil)
        mvwadd_wch(window, y, x, &complex)
    }
}

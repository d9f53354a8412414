import CNcurses
import Foundation

/// The last-resort restore for exits that bypass the UI loop: a crash signal or a call to `exit()`.
///
/// `endwin()` is not async-signal-safe, so the crash handler instead puts back the terminal modes saved before
/// curses started, leaves the alternate screen, shows the cursor and resets attributes (with `tcsetattr` and
/// `write`, which are safe), points stderr back at the terminal so the crash report is readable, then re-raises the
/// signal with the handler that was there before (Swift's backtracer). Everything the handler touches is allocated
/// up front, so it neither allocates nor counts references.
enum TerminalRestore {
    private static let resetSequence = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?2004l\u{1B}[?1049l\r\n".utf8)
    private static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    nonisolated(unsafe) private static let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static let reset: UnsafeMutablePointer<UInt8> = {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: resetSequence.count)
        bytes.initialize(from: resetSequence, count: resetSequence.count)
        return bytes
    }()
    /// [0] screen active, [1] saved modes valid, [2] saved stderr descriptor or -1, [3] handlers installed.
    nonisolated(unsafe) private static let flags: UnsafeMutablePointer<Int32> = {
        let flags = UnsafeMutablePointer<Int32>.allocate(capacity: 4)
        flags.initialize(repeating: 0, count: 4)
        flags[2] = -1
        return flags
    }()

    /// Saves the terminal modes and installs the hooks; call before curses starts (only from the UI thread).
    static func install(savedStderr: Int32) {
        _ = reset
        flags[1] = tcgetattr(STDIN_FILENO, saved) == 0 ? 1 : 0
        flags[2] = savedStderr
        guard flags[3] == 0 else { return }
        flags[3] = 1
        atexit { TerminalRestore.atExit() }
        for number in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in TerminalRestore.crashed(number) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_NODEFER)
            sigaction(number, &action, previous + Int(number))
        }
    }

    /// Marks whether curses owns the screen (only then is there anything to restore).
    static func setActive(_ active: Bool) {
        flags[0] = active ? 1 : 0
    }

    /// Restores what can be restored from any context, then leaves at once with `status`.
    static func restoreAndExit(_ status: Int32) -> Never {
        emergencyRestore()
        _exit(status)
    }

    private static func crashed(_ number: Int32) {
        emergencyRestore()
        sigaction(number, previous + Int(number), nil)
        raise(number)
        // The previous handler returned (it printed a backtrace for a signal sent with kill, say): the UI can no longer
        // be trusted with the terminal, so end here.
        _exit(128 + number)
    }

    private static func atExit() {
        guard flags[0] != 0 else { return }
        flags[0] = 0
        endwin()
        if flags[2] >= 0 { dup2(flags[2], STDERR_FILENO) }
    }

    private static func emergencyRestore() {
        guard flags[0] != 0 else { return }
        flags[0] = 0
        if flags[1] != 0 { tcsetattr(STDIN_FILENO, TCSANOW, saved) }
        _ = write(STDOUT_FILENO, reset, resetSequence.count)
        if flags[2] >= 0 { dup2(flags[2], STDERR_FILENO) }
    }
}

import Foundation
import Testing

/// A shell in a private tmux server (its own socket, no user config) at a fixed size: tests type into it with
/// `send-keys` and read it with `capture-pane`, polling until the expected text appears rather than sleeping.
final class TmuxSession: @unchecked Sendable {
    let socket = "tandem-e2e-\(UUID().uuidString.prefix(8))"
    private(set) var sessions: [String] = []

    static var isAvailable: Bool { executable != nil }

    private static var executable: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts a session named `name` running `sh` with exactly `environment` (plus a plain prompt).
    func start(_ name: String, width: Int = 120, height: Int = 40, environment: [String: String]) throws {
        var variables = environment
        variables["PS1"] = "$ "
        variables["PATH"] = variables["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        // The tmux server started here keeps whatever stdout it inherits open: give it none, or reading would never end.
        try run(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "env -i \(assignments) sh"],
                capturing: false)
        sessions.append(name)
    }

    /// Types `text` literally, then presses Enter.
    func type(_ text: String, into session: String, enter: Bool = true) throws {
        try run(["send-keys", "-t", session, "-l", text])
        if enter { try keys("Enter", into: session) }
    }

    /// Presses tmux key names (`Enter`, `Escape`, `Tab`, `BSpace`, `q`, ...) one after another.
    func keys(_ names: String..., into session: String) throws {
        try keys(names, into: session)
    }

    func keys(_ names: [String], into session: String) throws {
        try run(["send-keys", "-t", session] + names)
    }

    /// Any other tmux command on this private server (an option, a paste buffer, pipe-pane), returning its output.
    @discardableResult
    func command(_ arguments: String...) throws -> String {
        try run(arguments)
    }

    func capture(_ session: String) throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// A tmux format value for the session's pane, e.g. `#{alternate_on}` or `#{pane_pid}`.
    func value(_ format: String, of session: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(_ session: String, width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds; fails with the last screen after `seconds`.
    @discardableResult
    func waitUntil(_ session: String, seconds: Double = 60, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture(session)
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let failure = Timeout(description: "waited \(Int(seconds)) s for \(what) in tmux session \(session); the screen was:\n\(screen)")
        Issue.record(failure)
        throw failure
    }

    /// Polls until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, in session: String, seconds: Double = 60) throws -> String {
        try waitUntil(session, seconds: seconds, "'\(text)'") { $0.contains(text) }
    }

    /// The process the session's shell started (the program under test), if it is running.
    func foregroundProcess(of session: String) throws -> pid_t? {
        guard let shell = pid_t(try value("#{pane_pid}", of: session)) else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == shell { return pid }
        }
        return nil
    }

    /// Ends the private tmux server and everything in it, and removes its socket.
    func kill() {
        _ = try? run(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }

    deinit { kill() }

    @discardableResult
    private func run(_ arguments: [String], capturing: Bool = true) throws -> String {
        guard let executable = Self.executable else { throw Timeout(description: "tmux is not installed (Scripts/test installs it)") }
        guard capturing else {
            try Self.spawnAndWait([executable, "-L", socket] + arguments)
            return ""
        }
        return try runCapturing(executable, ["-L", socket] + arguments).output
    }

    /// Runs a command that starts the tmux server, with posix_spawn rather than Foundation's Process: Process learns
    /// that a child ended when a descriptor it hands down closes, and the server, which outlives its client, keeps it.
    /// The server and everything it starts must also not inherit the test thread's blocked and ignored signals (tmux's
    /// kill-server is a SIGTERM to itself, and the UI under test relies on SIGWINCH, SIGINT and SIGTERM).
    private static func spawnAndWait(_ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t(), defaults = sigset_t()
        sigemptyset(&unblocked)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw Timeout(description: "cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

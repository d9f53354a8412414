import Foundation

/// A user's machine for the terminal walkthroughs: a home directory with its own data and config folders, a real
/// server, the `tandem` CLI and tmux shells that all see the same environment.
///
/// Blocking throughout (child processes), so use it on a thread of its own (`onOwnThread`), and `close()` it in a
/// `defer` right after making it: that also keeps it alive until the walkthrough ends.
final class UserMachine {
    let home: URL
    let server: ServerProcess
    let tmux = TmuxSession()

    var data: URL { home.appendingPathComponent("data") }
    var config: URL { home.appendingPathComponent("config") }

    init(_ name: String) throws {
        home = try TemporaryDirectory.make(name)
        do {
            server = try ServerProcess(arguments: ServerProcess.sqliteArguments(in: home))
        } catch {
            try? FileManager.default.removeItem(at: home)
            throw error
        }
    }

    /// What `tandem` sees, in the CLI and in the shells: this home, its folders and test-strength key derivation.
    var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": data.path, "XDG_CONFIG_HOME": config.path, "TANDEM_INSECURE_KDF_LOG2N": "10"]
    }

    /// Runs `tandem ARGUMENTS --profile PROFILE --server URL` and waits for it.
    func tandem(_ arguments: [String], profile: String = "laptop", input: String = "") throws -> CLIProcess.Result {
        try CLIProcess.execute(arguments + ["--profile", profile, "--server", server.baseURL],
                               environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, input: input)
    }

    /// Opens tmux shell `name` in a UTF-8 terminal of this size.
    func openTerminal(_ name: String, width: Int = 100, height: Int = 30) throws {
        try tmux.start(name, width: width, height: height,
                       environment: environment.merging(["TERM": "tmux-256color", "LANG": "C.UTF-8"]) { $1 })
    }

    /// Types, in shell `name`, the command that starts the UI on `profile` and then prints its exit status.
    func startUI(in name: String, profile: String = "laptop", flags: String = "") throws {
        let binary = ServerProcess.binaryDirectory.appendingPathComponent("tandem").path
        try tmux.type("\(binary) --profile \(profile) --server \(server.baseURL)\(flags.isEmpty ? "" : " \(flags)"); echo \"exit=$?\"",
                      into: name)
    }

    func close() {
        tmux.kill()
        _ = server.stop()
        try? FileManager.default.removeItem(at: home)
    }
}

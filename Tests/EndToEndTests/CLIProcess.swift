import Foundation

/// Runs the real `tandem` binary as a user's shell would, with its own data directory.
struct CLIProcess {
    let dataHome: URL
    let server: String

    struct Result: Sendable {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs `tandem ARGUMENTS --profile PROFILE --server SERVER`, feeding `input` to standard input.
    @discardableResult
    func run(_ arguments: [String], profile: String, input: String = "") async throws -> Result {
        let arguments = arguments + ["--profile", profile, "--server", server], environment = environment
        return try await onOwnThread { try Self.execute(arguments, environment: environment, input: input) }
    }

    /// Runs the `tandem` binary with exactly this environment and waits for it, blocking the calling thread.
    static func execute(_ arguments: [String], environment: [String: String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem")
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      errors: String(decoding: errors, as: UTF8.self))
    }

    /// This machine's environment with the test's data directory and test-strength key derivation.
    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = dataHome.path
        environment["TANDEM_INSECURE_KDF_LOG2N"] = "10"
        return environment
    }

    /// Starts a long-running subcommand (such as `watch`) and returns the process; its standard output goes to
    /// `output` (a file, as `tandem watch > log` would have it) or nowhere.
    func start(_ arguments: [String], profile: String, output: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem")
        process.arguments = arguments + ["--profile", profile, "--server", server]
        process.environment = environment
        if let output {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The same data directory with another `--server`.
    func with(server: String) -> CLIProcess { CLIProcess(dataHome: dataHome, server: server) }
}

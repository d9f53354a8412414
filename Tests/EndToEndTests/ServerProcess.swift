import Foundation
import Testing

/// A real `tandem-server` process on a free loopback port (it binds port 0 and prints the port it got).
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output = Pipe()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The directory holding the built executables (next to the test bundle), or `TANDEM_BIN_DIR`.
    static var binaryDirectory: URL {
        if let directory = ProcessInfo.processInfo.environment["TANDEM_BIN_DIR"] { return URL(fileURLWithPath: directory) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("tandem-server").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The arguments of a throwaway server: a SQLite file in `directory`, every signup admitted, warnings only, no rate
    /// limits (the tests sign up and log in more often than a person would).
    static func sqliteArguments(in directory: URL) -> [String] {
        ["--database", "sqlite:\(directory.path)/server.sqlite", "--verification-mode", "AllowAll", "--log-level", "warning",
         "--rate-limit", "off"]
    }

    /// `logFile`, when given, receives the server's log (its standard error) instead of the test's output.
    init(arguments: [String], environment: [String: String] = [:], logFile: URL? = nil) throws {
        process.executableURL = Self.binaryDirectory.appendingPathComponent("tandem-server")
        process.arguments = ["--host", "127.0.0.1", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        if let logFile {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: logFile)
        }
        try process.run()
        port = try Self.readPort(from: output.fileHandleForReading)
    }

    /// Starts the server on a thread of its own: waiting for it to report its port blocks.
    static func start(arguments: [String], environment: [String: String] = [:], logFile: URL? = nil) async throws -> ServerProcess {
        try await onOwnThread { try ServerProcess(arguments: arguments, environment: environment, logFile: logFile) }
    }

    /// Reads stdout until the "listening on" line, failing if the process exits or says nothing for 60 s.
    private static func readPort(from handle: FileHandle) throws -> Int {
        let deadline = Date().addingTimeInterval(60)
        var text = ""
        while Date() < deadline {
            let data = handle.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let port = Int(text[range].split(separator: ":").last ?? "") {
                return port
            }
        }
        throw StartFailure(output: text)
    }

    struct StartFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "tandem-server did not report a port; it printed: \(output)" }
    }

    /// SIGTERM, then wait: graceful shutdown must end the process by itself.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

import Foundation
import Testing

/// Safe defaults when the server starts: private database files, no start on a database it cannot write, a loud
/// warning when it listens beyond this machine over plain HTTP.
@Suite struct StartupTests {
    @Test func databaseFilesAreReadableByTheirOwnerOnly() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: folder.url))
        let http = HTTPClient(baseURL: server.baseURL)
        _ = try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password",
                                                  "clientSaltSeed": String(repeating: "1f", count: 32)])
        for suffix in ["", "-wal", "-shm"] {
            let path = folder.url.appendingPathComponent("server.sqlite\(suffix)").path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "server.sqlite\(suffix) has mode \(String(mode ?? 0, radix: 8))")
        }
        #expect(server.stop() == 0)
    }

    /// Root writes any file, so as root the server runs as `nobody` against a database that user may only read.
    @Test func aDatabaseTheServerCannotWriteIsRefusedWithOneLine() async throws {
        let folder = try TemporaryFolder()
        let database = folder.url.appendingPathComponent("server.sqlite").path
        let first = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: folder.url))
        #expect(first.stop() == 0)
        let binary = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server").path
        let arguments = ["--port", "0", "--database", "sqlite:\(database)", "--log-level", "warning"]
        let (executable, prefix): (String, [String])
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
            (executable, prefix) = ("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
            (executable, prefix) = (binary, [])
        }
        let run = try await onOwnThread { try runCapturing(executable, prefix + arguments) }
        #expect(run.status != 0)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 1, "\(run.output)")
        #expect(lines.first?.hasPrefix("tandem-server: ") == true)
        #expect(lines.first?.contains(database) == true)
        #expect(!run.output.contains("listening"))
    }

    @Test func listeningBeyondLoopbackWithoutTLSWarnsOnStderr() async throws {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server")
        process.arguments = ServerProcess.sqliteArguments(in: folder.url) + ["--host", "0.0.0.0", "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let warning = try await onOwnThread {
            String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
        }
        process.terminate()
        try await onOwnThread { process.waitUntilExit() }
        #expect(warning.contains("WARNING: listening on 0.0.0.0 over plain HTTP"))
        #expect(warning.contains("/metrics is public"))
    }
}

/// `--log-format json` reaches every record, the libraries' included, and a mail with line breaks stays one record.
@Suite struct JSONLogTests {
    @Test func everyLineOfTheLogIsOneJSONRecord() async throws {
        let folder = try TemporaryFolder()
        let log = folder.url.appendingPathComponent("server.log")
        let server = try await ServerProcess.start(
            arguments: ["--database", "sqlite:\(folder.url.path)/server.sqlite", "--verification-mode", "EmailVerify",
                        "--log-level", "info", "--log-format", "json"],
            logFile: log)
        let http = HTTPClient(baseURL: server.baseURL)
        _ = try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password",
                                                  "clientSaltSeed": String(repeating: "1f", count: 32)])
        #expect(server.stop() == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { line in
            let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(parsed as? [String: Any], "\(line)")
        }
        #expect(records.contains { ($0["source"] as? String) == "HummingbirdCore" }, "the framework's records too")
        let mail = try #require(records.first { ($0["message"] as? String)?.hasPrefix("Mail to joe@example.com") == true })
        #expect(mail["level"] as? String == "notice")
        #expect((mail["message"] as? String)?.contains("\n") == true)
        #expect(records.allSatisfy { $0["time"] is String && $0["level"] is String && $0["label"] is String })
    }
}

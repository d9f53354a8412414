import Foundation

/// Runs the built `tandem-server admin ...` as an operator would, on a thread of its own (it blocks until the end).
struct AdminProcess {
    /// Where the database is: `--database` when given, else `DATABASE_URL` in the environment.
    var database: String?
    var environment: [String: String] = [:]

    struct Result {
        let status: Int32
        let output: String
        let errors: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:] }
    }

    func run(_ arguments: String...) async throws -> Result {
        let arguments = ["admin"] + arguments + (database.map { ["--database", $0] } ?? [])
        let environment = ProcessInfo.processInfo.environment.merging(self.environment) { $1 }
        return try await onOwnThread {
            let process = Process()
            process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server")
            process.arguments = arguments
            process.environment = environment
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // Both are small; standard error is read after standard output ends.
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            let complaints = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                          errors: String(decoding: complaints, as: UTF8.self))
        }
    }
}

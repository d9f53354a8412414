import Foundation
import TandemFuzz
import Testing

/// A short, fixed-seed run of the request fuzzer against a real server (`Benchmarks/run.sh fuzz` runs a long one).
/// Its 30 s per case leave room for full-cost password hashing in a debug build on a loaded machine.
@Suite struct FuzzTests {
    @Test func mutatedRequestsAreAllAnsweredOrClosedNeverA500() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess.start(
            arguments: ServerProcess.sqliteArguments(in: folder.url) + ["--request-timeout", "1", "--idle-timeout", "1"],
            logFile: folder.url.appendingPathComponent("server.log"))
        let port = server.port
        let report = try await onOwnThread { FuzzRun(port: port, seed: 9, cases: 400, timeout: 30).run() }
        #expect(report.failures.isEmpty, "\(report)\n\(report.failures.prefix(10).joined(separator: "\n"))")
        let metrics = try await onOwnThread {
            try RawConnection.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", timeout: 5)
        }
        #expect(metrics?.status == 200, "the server still answers")
        #expect(server.stop() == 0)
        let log = (try? String(contentsOf: folder.url.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        #expect(!log.contains(" error ") && !log.contains(" critical "), "\(log.prefix(2000))")
    }
}

import Foundation
import TandemFuzz
import Testing

/// A client whose upgrade was refused and that then floods the connection while the server lingers over the answer:
/// the server drains and drops what it reads instead of keeping it. (NIO's HTTP decoder, once it has parsed an
/// upgrade request, keeps every later byte for the protocol that never comes: 256 MiB sent, 260 MiB more resident.)
@Suite struct RefusedUpgradeFloodTests {
    @Test func floodingARefusedUpgradeDoesNotGrowTheServer() async throws {
        let folder = try TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: folder.url))
        let pid = server.process.processIdentifier
        let before = try #require(Self.residentKiB(pid))
        let port = server.port
        let peak = try await onOwnThread { () -> Int in
            let connection = try RawConnection(port: port)
            connection.send(WebSocketRefusalTests.upgrade("/api/3/websocket?token=\(String(repeating: "0", count: 64))"))
            let burst = [UInt8](repeating: 0x61, count: 1 << 20)
            var peak = 0
            // Until the server closes (it lingers 2 s) or 512 MiB went: either way far above the bound below.
            for _ in 0..<512 {
                guard connection.send(burst, within: 2) else { break }
                peak = max(peak, Self.residentKiB(pid) ?? 0)
            }
            return peak
        }
        #expect(peak - before < 64 * 1024, "server grew from \(before) KiB to \(peak) KiB")
        _ = server.stop()
    }

    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }
}

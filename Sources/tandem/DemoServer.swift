import Foundation
import Hummingbird
import Logging
import TandemServer
import TandemServerCore

/// The demo's own server: in-process on a free loopback port, a temporary SQLite file, everyone verified at signup.
final class DemoServer: Sendable {
    let url: String
    private let task: Task<Void, any Error>

    private init(url: String, task: Task<Void, any Error>) {
        self.url = url
        self.task = task
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String { "the embedded server did not start" }
    }

    static func start(directory: URL) async throws -> DemoServer {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.database = .sqlite(path: directory.appendingPathComponent("server.sqlite").path)
        configuration.verification = .allowAll
        // Weakened like the demo's key derivation, so signing up and logging in are instant even in a debug build.
        configuration.passwordCost = .reducedForTesting(log2N: 10)
        // Its log would tear the UI's frame.
        configuration.logLevel = .critical
        var logger = Logger(label: "tandem.demo.server")
        logger.logLevel = .critical
        let components = try ServerComponents(configuration: configuration, logger: logger)
        let (ports, portReported) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(configuration: configuration, components: components, logger: logger) { port in
            portReported.yield(port)
            portReported.finish()
        }
        // No signal handling here: SIGINT and SIGTERM belong to the UI, which restores the terminal first.
        let task = Task {
            defer { portReported.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw StartFailure() }
        return DemoServer(url: "http://127.0.0.1:\(port)", task: task)
    }

    /// Shuts the server down and waits for it.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TandemServer
import TandemServerCore

/// A real tandem server on a loopback port, in this process, for the duration of `body`. Clients of it use a long
/// timeout: every in-process server of the test run shares one hashing thread pool on a busy 2-core machine.
enum LiveServer {
    static func run<Value: Sendable>(_ body: @Sendable (URL) async throws -> Value) async throws -> Value {
        var configuration = ServerConfiguration()
        configuration.verification = .allowAll
        configuration.passwordCost = .reducedForTesting(log2N: 10)
        configuration.port = 0
        configuration.rateLimits = .off  // the client tests sign up and log in far more often than a person
        var logger = Logger(label: "client-tests-server")
        logger.logLevel = .warning
        let app = try buildApplication(configuration: configuration,
                                       components: ServerComponents(store: MemoryAccountStore(), mailer: LogMailer(logger: logger)),
                                       logger: logger)
        return try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)")!)
        }
    }
}

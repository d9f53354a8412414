import ArgumentParser
import Foundation
import TandemFuzz

extension TandemBench {
    /// Synchronous: the run blocks on its socket threads, which must not happen on the cooperative pool.
    struct Fuzz: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send seeded, mutated HTTP requests to a running tandem-server and check every answer.",
            discussion: """
                Each case goes on a new connection and must get a well-formed HTTP/1.1 answer (4xx with the JSON \
                error body) or a closed connection, never a 5xx, never silence beyond --timeout. Exits non-zero on \
                any failure; the same --seed always sends the same requests.
                """)
        @Option(help: "The server's port on 127.0.0.1.") var port: Int
        @Option(help: "Seed of the request generator.") var seed: UInt64 = 1
        @Option(help: "Number of requests.") var cases = 10_000
        @Option(help: "Connections at once.") var concurrency = 8
        @Option(help: "Seconds to wait for an answer or a close (above the server's request timeout).") var timeout = 5.0

        func run() throws {
            let report = FuzzRun(port: port, seed: seed, cases: cases, concurrency: concurrency, timeout: timeout).run()
            print("fuzz seed \(seed): \(report)")
            for failure in report.failures.prefix(20) { print("  \(failure)") }
            if !report.failures.isEmpty { throw ExitCode.failure }
        }
    }
}

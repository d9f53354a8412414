import ArgumentParser
import Foundation

@main
struct TandemBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tandem-bench",
        abstract: "Tandem's benchmarks; each prints figures. Build with -c release for meaningful numbers.",
        discussion: "Benchmarks/run-server.sh starts a release server on a free port and runs `server` against it.",
        subcommands: [Server.self, KDF.self, Merge.self, Propagation.self])

    struct Server: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load a running tandem-server (AllowAll mode): reads, writes, logins, fan-out.")
        @Option(help: "The server's port on 127.0.0.1.") var port: Int
        @Option(help: "The server's process id, to measure its memory per idle socket.") var serverPid: Int32?
        @Option(help: "Seconds per load phase.") var seconds = 10.0
        @Option(help: "Websockets for the fan-out phase.") var sockets = 1000

        func run() async throws {
            try await ServerBenchmark(port: port, serverPID: serverPid, seconds: seconds, sockets: sockets).run()
        }
    }

    struct KDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Key derivation at full strength against OpenSSL's scrypt (Python hashlib).")
        @Option(help: "Runs of each implementation.") var runs = 3
        func run() async throws { try KDFBenchmark(runs: runs).run() }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Three-way merge and wallet encoding of 10,000 preferences.")
        @Option(help: "Number of preferences.") var keys = 10_000
        func run() async throws { MergeBenchmark(keys: keys).run() }
    }

    struct Propagation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time from device A's push to device B's merged state, over a running server's websocket.")
        @Option(help: "The server's port on 127.0.0.1 (AllowAll mode).") var port: Int
        @Option(help: "Number of pushes.") var rounds = 50
        func run() async throws { try await PropagationBenchmark(port: port, rounds: rounds).run() }
    }
}

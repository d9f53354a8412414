import ArgumentParser
import Foundation

@main
struct TandemBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tandem-bench",
        abstract: "Tandem's benchmarks; each prints figures. Build with -c release for meaningful numbers.",
        discussion: "Benchmarks/run.sh builds them in release mode, starts the servers they need and runs them.",
        subcommands: [Server.self, KDF.self, Merge.self, Propagation.self, Fuzz.self])

    struct Server: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a running tandem-server (AllowAll mode): reads, writes, logins, fan-out.",
            discussion: """
                Repeat --port for several instances on one database: connections are spread over them in turn, \
                the fan-out sockets connect to the first and the writes they wait for go through the last.
                """)
        @Option(name: .customLong("port"), help: "A server's port on 127.0.0.1 (repeat for several instances).")
        var ports: [Int]
        @Option(help: "The first server's process id, to measure its memory per idle socket.") var serverPid: Int32?
        @Option(help: "Seconds per load phase.") var seconds = 10.0
        @Option(help: "Websockets for the fan-out phase.") var sockets = 1000
        @Flag(help: "Only the idle-socket memory and fan-out phase.") var fanOutOnly = false

        func validate() throws {
            guard !ports.isEmpty else { throw ValidationError("Give the server's port with --port.") }
        }

        func run() async throws {
            try await ServerBenchmark(ports: ports, serverPID: serverPid, seconds: seconds, sockets: sockets, fanOutOnly: fanOutOnly).run()
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

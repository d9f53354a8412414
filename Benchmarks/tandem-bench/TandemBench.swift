import ArgumentParser
import Foundation

@main
struct TandemBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tandem-bench",
        abstract: "Tandem's benchmarks; each prints figures. Build with -c release for meaningful numbers.",
        discussion: "Benchmarks/run.sh builds them in release mode, starts the servers they need and runs them.",
        subcommands: [Server.self, Ratios.self, KDF.self, Merge.self, Propagation.self, Fuzz.self])

    struct Server: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a running wallet sync server (AllowAll mode): reads, writes, logins, a login storm, fan-out.",
            discussion: """
                Repeat --port for several instances on one database: connections are spread over them in turn, \
                the fan-out sockets connect to the first and the writes they wait for go through the last. \
                Only LBRY wallet sync API v3 paths are used, so LBRY's own server can be measured the same way.
                """)
        @Option(name: .customLong("port"), help: "A server's port on 127.0.0.1 (repeat for several instances).")
        var ports: [Int]
        @Option(help: "The first server's process id, to measure its memory per idle socket.") var serverPid: Int32?
        @Option(help: "Seconds per load phase.") var seconds = 10.0
        @Option(help: "Websockets for the fan-out phase.") var sockets = 1000
        @Option(help: "Connections logging in at once during the login storm.") var stormLogins = 64
        @Option(help: "What the output calls the server.") var name = "tandem-server"
        @Option(help: "Save the figures to this file, for `tandem-bench ratios`.") var figures: String?
        @Flag(help: "Only the idle-socket memory and fan-out phase.") var fanOutOnly = false

        func validate() throws {
            guard !ports.isEmpty else { throw ValidationError("Give the server's port with --port.") }
        }

        func run() async throws {
            try await ServerBenchmark(ports: ports, serverPID: serverPid, seconds: seconds, sockets: sockets,
                                      stormLogins: stormLogins, name: name, figures: figures, fanOutOnly: fanOutOnly).run()
        }
    }

    struct Ratios: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set two servers' saved figures side by side, with the second's mean ÷ the first's.",
            discussion: "Each side is NAME=FILE[,FILE...]: the files `tandem-bench server --figures` saved, one per run.")
        @Argument(help: "The server to compare against, as NAME=FILE[,FILE...].") var first: String
        @Argument(help: "The server compared, as NAME=FILE[,FILE...].") var second: String

        func run() throws {
            print(FigureRatios(first: try Self.side(first), second: try Self.side(second)).report())
        }

        private static func side(_ argument: String) throws -> FigureRatios.Side {
            let parts = argument.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("Give each side as NAME=FILE[,FILE...], not \(argument).") }
            return FigureRatios.Side(name: String(parts[0]),
                                     sheets: try parts[1].split(separator: ",").map { try FigureSheet(contentsOf: String($0)) })
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

import Foundation
import Synchronization

/// Load on a running tandem-server: wallet reads, writes, logins and websocket fan-out, with printed figures.
struct ServerBenchmark {
    /// Instances of one server on one database; the first also takes the set-up and the fan-out sockets.
    let ports: [Int]
    let serverPID: Int32?
    let seconds: Double
    let sockets: Int
    /// Skip the load phases: sign up one user and measure only memory per idle socket and the fan-out.
    var fanOutOnly = false

    struct User {
        let email: String
        let token: String
    }

    func run() async throws {
        let instances = ports.map { "127.0.0.1:\($0)" }.joined(separator: ", ")
        print("tandem-server at \(instances); load generator on the same machine (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        if fanOutOnly {
            let user = try setUp(count: 1)[0]
            return try await fanOut(token: user.token, nextSequence: 2)
        }
        let users = try setUp(count: 32)
        let ports = ports
        let tokens = users.map(\.token)

        let get = LoadRun.run(workers: 32, ports: ports, seconds: seconds) { worker, connection in
            try connection.exchange(RawHTTPConnection.get("/api/3/wallet?token=\(tokens[worker])")).status == 200
        }
        report("GET /wallet, 32 connections", get)

        let sequence = Mutex<[Int]>(Array(repeating: 1, count: users.count))
        let post: @Sendable (Int, RawHTTPConnection) throws -> Bool = { worker, connection in
            let next = sequence.withLock { $0[worker] += 1; return $0[worker] }
            let body = #"{"token":"\#(tokens[worker])","encryptedWallet":"tandem1:\#(String(repeating: "A", count: 400))","sequence":\#(next),"hmac":"\#(String(repeating: "f", count: 64))"}"#
            return try connection.exchange(RawHTTPConnection.post("/api/3/wallet", json: body)).status == 200
        }
        report("POST /wallet, 1 user sequential", LoadRun.run(workers: 1, ports: ports, seconds: seconds, step: post))
        report("POST /wallet, 32 users in parallel", LoadRun.run(workers: 32, ports: ports, seconds: seconds, step: post))

        let email = users[0].email
        let logins = LoadRun.run(workers: 4, ports: ports, seconds: seconds) { worker, connection in
            let body = #"{"deviceId":"bench-\#(worker)","email":"\#(email)","password":"benchmark-password"}"#
            return try connection.exchange(RawHTTPConnection.post("/api/3/auth/full", json: body)).status == 200
        }
        report("POST /auth/full (scrypt), 4 connections", logins)

        try await fanOut(token: users[0].token, nextSequence: sequence.withLock { $0[0] + 1 })
    }

    private func report(_ name: String, _ result: LoadRun.Result) {
        let padded = name.padding(toLength: 42, withPad: " ", startingAt: 0)
        print(String(format: "%@ %9.0f req/s   %@   errors %d", padded, result.throughput, result.stats.summary, result.stats.errors))
    }

    /// Signs up `count` users (AllowAll mode), logs each in and gives each a first wallet.
    private func setUp(count: Int) throws -> [User] {
        let connection = try RawHTTPConnection(port: ports[0])
        let run = UUID().uuidString.prefix(8).lowercased()
        return try (0..<count).map { index in
            let email = "bench-\(run)-\(index)@example.com"
            let seed = String(repeating: "ab", count: 32)
            let signup = try connection.exchange(RawHTTPConnection.post("/api/3/signup",
                json: #"{"email":"\#(email)","password":"benchmark-password","clientSaltSeed":"\#(seed)"}"#))
            guard signup.status == 201 else {
                throw RawHTTPConnection.Failure(description: "signup answered \(signup.status): start the server with --verification-mode AllowAll")
            }
            let login = try connection.exchange(RawHTTPConnection.post("/api/3/auth/full",
                json: #"{"deviceId":"bench","email":"\#(email)","password":"benchmark-password"}"#))
            let object = try JSONSerialization.jsonObject(with: Data(login.body)) as? [String: Any]
            guard let token = object?["token"] as? String else { throw RawHTTPConnection.Failure(description: "login failed") }
            _ = try connection.exchange(RawHTTPConnection.post("/api/3/wallet",
                json: #"{"token":"\#(token)","encryptedWallet":"tandem1:first","sequence":1,"hmac":"00"}"#))
            return User(email: email, token: token)
        }
    }

    /// Opens `sockets` websockets on one account, measures resident memory per idle socket, then the time from
    /// sending a wallet write to each socket receiving its `wallet-update:N`.
    private func fanOut(token: String, nextSequence: Int) async throws {
        let rssBefore = serverPID.flatMap(Self.residentKiB)
        let clients = RawFanOutClient()
        defer { clients.close() }
        let failed = clients.open(count: self.sockets, port: ports[0], token: token)
        let sockets = clients.opened
        if failed > 0 { print("Fan-out: \(failed) websockets could not be opened (3 attempts each); measuring the other \(sockets)") }
        clients.startReading()
        try await Task.sleep(for: .seconds(2))
        if let before = rssBefore, let pid = serverPID, let after = Self.residentKiB(pid) {
            print(String(format: "Idle websocket memory: %.1f KiB per socket (server RSS %d → %d KiB with %d sockets)",
                         Double(after - before) / Double(sockets), before, after, sockets))
        }

        let connection = try RawHTTPConnection(port: ports[ports.count - 1])
        var latencies = LatencyStats()
        // The writer's own answer while its write fans out: the server answers first, then notifies.
        var writes = LatencyStats()
        let rounds = 20
        for round in 0..<rounds {
            let sequence = nextSequence + round
            let body = #"{"token":"\#(token)","encryptedWallet":"tandem1:fanout","sequence":\#(sequence),"hmac":"00"}"#
            let sent = monotonicNanoseconds()
            guard try connection.exchange(RawHTTPConnection.post("/api/3/wallet", json: body)).status == 200 else {
                latencies.errors += 1
                continue
            }
            writes.add(monotonicNanoseconds() - sent)
            let deadline = monotonicNanoseconds() + 5_000_000_000
            while clients.arrivals(of: sequence).count < sockets, monotonicNanoseconds() < deadline {
                try await Task.sleep(for: .milliseconds(2))
            }
            let received = clients.arrivals(of: sequence)
            latencies.errors += sockets - received.count
            for arrival in received { latencies.add(arrival - sent) }
            try await Task.sleep(for: .milliseconds(100))
        }
        let route = ports.count > 1 ? "written on another instance" : "\(rounds) writes"
        let label = "Fan-out to \(sockets) sockets (\(route)):".padding(toLength: 62, withPad: " ", startingAt: 0)
        print(String(format: "%@ %@   missed %d", label, latencies.summary, latencies.errors))
        let writer = "The writer's POST /wallet during that fan-out:".padding(toLength: 62, withPad: " ", startingAt: 0)
        print(String(format: "%@ %@", writer, writes.summary))
    }

    /// Resident set size of a process, from /proc.
    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }
}

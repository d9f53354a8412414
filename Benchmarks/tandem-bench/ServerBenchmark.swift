import Foundation
import Synchronization

/// Load on a running wallet sync server (tandem-server, or LBRY's own: only API v3 paths are used): wallet reads,
/// writes, logins, a login storm and websocket fan-out, with printed figures.
struct ServerBenchmark {
    /// Instances of one server on one database; the first also takes the set-up and the fan-out sockets.
    let ports: [Int]
    let serverPID: Int32?
    let seconds: Double
    let sockets: Int
    /// Connections logging in at once during the login storm.
    let stormLogins: Int
    /// What the output calls the server.
    let name: String
    /// Where to save the figures for `tandem-bench ratios`, if anywhere.
    let figures: String?
    /// Skip the load phases: sign up one user and measure only memory per idle socket and the fan-out.
    var fanOutOnly = false

    struct User {
        let email: String
        let token: String
    }

    func run() async throws {
        let instances = ports.map { "127.0.0.1:\($0)" }.joined(separator: ", ")
        print("\(name) at \(instances); load generator on the same machine (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        print("Every phase uses only LBRY wallet sync API v3 paths (signup, auth/full, wallet, websocket).")
        var sheet = FigureSheet()
        if fanOutOnly {
            let user = try setUp(count: 1)[0]
            try await fanOut(token: user.token, nextSequence: 2, into: &sheet)
            if let figures { try sheet.write(to: figures) }
            return
        }
        let users = try setUp(count: 32)
        let ports = ports
        let tokens = users.map(\.token)

        let get = await LoadRun.run(workers: 32, ports: ports, seconds: seconds) { worker, connection in
            try connection.exchange(RawHTTPConnection.get("/api/3/wallet?token=\(tokens[worker])")).status == 200
        }
        report("GET /wallet, 32 connections", get, tail: 99, into: &sheet)

        let sequence = Mutex<[Int]>(Array(repeating: 1, count: users.count))
        let post: @Sendable (Int, RawHTTPConnection) throws -> Bool = { worker, connection in
            let next = sequence.withLock { $0[worker] += 1; return $0[worker] }
            let body = #"{"token":"\#(tokens[worker])","encryptedWallet":"tandem1:\#(String(repeating: "A", count: 400))","sequence":\#(next),"hmac":"\#(String(repeating: "f", count: 64))"}"#
            return try connection.exchange(RawHTTPConnection.post("/api/3/wallet", json: body)).status == 200
        }
        report("POST /wallet, 1 user sequential", await LoadRun.run(workers: 1, ports: ports, seconds: seconds, step: post),
               tail: 50, into: &sheet)
        report("POST /wallet, 32 users in parallel", await LoadRun.run(workers: 32, ports: ports, seconds: seconds, step: post),
               tail: 99, into: &sheet)

        // Before the concurrent log-ins: a heap grown by many 32 MiB scrypt blocks at once can shrink back while the
        // sockets' memory is being measured (the set-up hashes one password at a time).
        try await fanOut(token: users[0].token, nextSequence: sequence.withLock { $0[0] + 1 }, into: &sheet)

        let email = users[0].email
        let logins = await LoadRun.run(workers: 4, ports: ports, seconds: seconds) { worker, connection in
            let body = #"{"deviceId":"bench-\#(worker)","email":"\#(email)","password":"benchmark-password"}"#
            return try connection.exchange(RawHTTPConnection.post("/api/3/auth/full", json: body)).status == 200
        }
        report("POST /auth/full (scrypt), 4 connections", logins, tail: 99, into: &sheet)

        let storm = try await LoginStorm(ports: ports, seconds: seconds, logins: stormLogins, users: users, serverPID: serverPID).run()
        report(storm, into: &sheet)

        if let figures { try sheet.write(to: figures) }
    }

    /// Prints a phase's line and records its throughput and latency (p50 or p99).
    private func report(_ name: String, _ result: LoadRun.Result, tail: Double, into sheet: inout FigureSheet) {
        let padded = name.padding(toLength: 42, withPad: " ", startingAt: 0)
        print(String(format: "%@ %9.0f req/s   %@   errors %d", padded, result.throughput, result.stats.summary, result.stats.errors))
        sheet.record("\(name): req/s", result.throughput, .higher)
        sheet.record("\(name): p\(Int(tail)) ms", result.stats.percentile(tail), .lower)
    }

    private func report(_ storm: LoginStorm.Outcome, into sheet: inout FigureSheet) {
        print(String(format: "Login storm: the fastest log-in on the idle server %.1f ms, so %d cores can hash %.1f per second",
                     storm.idleLogin * 1000, storm.cores, storm.ceiling))
        for (label, logins, cores) in [("alone", storm.alone, storm.aloneUse), ("with reads", storm.storm, storm.stormUse)] {
            // Per core the server got: on a shared machine, what the server made of the CPU it had.
            let used = cores.map { String(format: "   cores used: server %.2f (%.0f%% per core it got), load generator %.2f, other processes %.2f",
                                          $0.server, storm.shareOfCeiling(logins) * Double(storm.cores) / $0.server * 100,
                                          $0.generator, $0.others) } ?? ""
            print(String(format: "  %d connections logging in, %@ %7.1f logins/s = %3.0f%% of that   %@   errors %d%@",
                         stormLogins, label.padding(toLength: 10, withPad: " ", startingAt: 0), logins.throughput,
                         storm.shareOfCeiling(logins) * 100, logins.stats.summary, logins.stats.errors, used))
        }
        print(String(format: "  GET /wallet meanwhile, 32 connections %7.0f req/s   %@   errors %d   (503 refusals of log-ins: %d)",
                     storm.reads.throughput, storm.reads.stats.summary, storm.reads.stats.errors, storm.refused))
        print("  targets: with reads, ≥ 90% of what the cores can hash, and GET /wallet p99 ≤ 10 ms")
        sheet.record("Login storm: fastest log-in on the idle server, ms", storm.idleLogin * 1000, .lower)
        sheet.record("Login storm: logins alone, logins/s", storm.alone.throughput, .higher)
        sheet.record("Login storm: logins alone, % of cores ÷ one log-in", storm.shareOfCeiling(storm.alone) * 100, .higher)
        sheet.record("Login storm: with reads, logins/s", storm.storm.throughput, .higher)
        sheet.record("Login storm: with reads, % of cores ÷ one log-in", storm.shareOfCeiling(storm.storm) * 100, .higher)
        if let cores = storm.aloneUse { sheet.record("Login storm: logins alone, cores the server used", cores.server, .higher) }
        if let cores = storm.stormUse { sheet.record("Login storm: with reads, cores the server used", cores.server, .higher) }
        sheet.record("Login storm: GET /wallet meanwhile, req/s", storm.reads.throughput, .higher)
        sheet.record("Login storm: GET /wallet meanwhile, p99 ms", storm.reads.stats.percentile(99), .lower)
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
    private func fanOut(token: String, nextSequence: Int, into sheet: inout FigureSheet) async throws {
        let rssBefore = serverPID.flatMap(Self.residentKiB)
        let clients = RawFanOutClient()
        defer { clients.close() }
        let failed = clients.open(count: self.sockets, port: ports[0], token: token)
        let sockets = clients.opened
        if failed > 0 { print("Fan-out: \(failed) websockets could not be opened (3 attempts each); measuring the other \(sockets)") }
        clients.startReading()
        try await Task.sleep(for: .seconds(2))
        if let before = rssBefore, let pid = serverPID, let after = Self.residentKiB(pid) {
            let perSocket = Double(after - before) / Double(sockets)
            print(String(format: "Idle websocket memory: %.1f KiB per socket (server RSS %d → %d KiB with %d sockets)",
                         perSocket, before, after, sockets))
            sheet.record("Resident memory per idle websocket, KiB", perSocket, .lower)
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
        sheet.record("Fan-out to \(sockets) sockets: p50 ms", latencies.percentile(50), .lower)
        sheet.record("Fan-out to \(sockets) sockets: p99 ms", latencies.percentile(99), .lower)
        sheet.record("The writer's POST /wallet during the fan-out: p50 ms", writes.percentile(50), .lower)
    }

    /// Resident set size of a process, from /proc.
    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }
}

import Foundation
import Synchronization

/// Many log-ins at once, alone and while 32 connections keep reading wallets: how close the server's log-ins per
/// second come to what its cores can hash, and what the storm does to the readers' latency.
struct LoginStorm {
    let ports: [Int]
    let seconds: Double
    /// Connections logging in at once.
    let logins: Int
    let users: [ServerBenchmark.User]
    /// The first server's process, to tell how many cores it got during each run.
    let serverPID: Int32?

    struct Outcome {
        /// One log-in on the idle server, almost all of it the password hash: the fastest of sequential log-ins, since
        /// on a shared machine other work only ever adds to it.
        let idleLogin: Double
        /// The same log-ins with nothing else to serve: how well the server spreads hashes over its cores.
        let alone: LoadRun.Result
        let storm: LoadRun.Result
        let reads: LoadRun.Result
        /// Cores the first server, the load generator and other processes used during the runs alone and with reads
        /// (nil without the server's process id).
        let aloneUse: ProcessCPU.Use?
        let stormUse: ProcessCPU.Use?
        /// Log-ins refused with 503 in both runs (a server's bounded hashing queue was full).
        let refused: Int
        let cores: Int

        /// What the cores could do if they did nothing but hash: cores ÷ the time of one hash.
        var ceiling: Double { Double(cores) / idleLogin }
        func shareOfCeiling(_ logins: LoadRun.Result) -> Double { logins.throughput / ceiling }
    }

    func run() async throws -> Outcome {
        let users = users
        // Log-ins in a row on one connection for three seconds: the server hashes one password at a time.
        let idle = await LoadRun.run(workers: 1, ports: [ports[0]], seconds: 3) { _, connection in
            let body = #"{"deviceId":"storm-idle","email":"\#(users[0].email)","password":"benchmark-password"}"#
            return try connection.exchange(RawHTTPConnection.post("/api/3/auth/full", json: body)).status == 200
        }
        guard idle.stats.errors == 0, idle.requests > 0 else {
            throw RawHTTPConnection.Failure(description: "a log-in on the idle server failed")
        }
        let refused = RefusalCount()
        let login = LoadRun.Load(workers: logins) { worker, connection in
            let user = users[worker % users.count]
            let body = #"{"deviceId":"storm-\#(worker)","email":"\#(user.email)","password":"benchmark-password"}"#
            let status = try connection.exchange(RawHTTPConnection.post("/api/3/auth/full", json: body)).status
            if status == 503 { refused.add() }
            return status == 200
        }
        let read = LoadRun.Load(workers: 32) { worker, connection in
            try connection.exchange(RawHTTPConnection.get("/api/3/wallet?token=\(users[worker % users.count].token)")).status == 200
        }
        let (alone, aloneUse) = await ProcessCPU.measuring(server: serverPID) {
            await LoadRun.run([login], ports: ports, seconds: seconds)[0]
        }
        let (results, stormUse) = await ProcessCPU.measuring(server: serverPID) {
            await LoadRun.run([login, read], ports: ports, seconds: seconds)
        }
        return Outcome(idleLogin: idle.stats.percentile(0) / 1000, alone: alone, storm: results[0], reads: results[1],
                       aloneUse: aloneUse, stormUse: stormUse,
                       refused: refused.value, cores: ProcessInfo.processInfo.activeProcessorCount)
    }
}

/// Counts 503 answers across the storm's worker threads.
private final class RefusalCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

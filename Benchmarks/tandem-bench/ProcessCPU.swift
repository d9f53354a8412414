import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU time from /proc: on a shared machine, what a server actually got during a phase, and what else ran.
enum ProcessCPU {
    /// User plus system seconds of `pid` so far.
    static func seconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command name: state is field 3, utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Seconds all cores of the machine have spent busy (neither idle nor waiting for I/O) so far.
    static func machineBusySeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 5 else { return nil }
        return (ticks.reduce(0, +) - ticks[3] - ticks[4]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Cores used on average while `body` ran: by the server, by this load generator and by everything else.
    struct Use {
        let server: Double
        let generator: Double
        let others: Double
    }

    static func measuring<T>(server pid: Int32?, _ body: () async -> T) async -> (T, Use?) {
        let own = getpid()
        let before = (pid.flatMap(seconds), seconds(own), machineBusySeconds()), start = monotonicNanoseconds()
        let result = await body()
        let wall = Double(monotonicNanoseconds() - start) / 1e9
        guard let server0 = before.0, let generator0 = before.1, let machine0 = before.2, let pid,
              let server1 = seconds(pid), let generator1 = seconds(own), let machine1 = machineBusySeconds() else {
            return (result, nil)
        }
        let server = (server1 - server0) / wall, generator = (generator1 - generator0) / wall
        return (result, Use(server: server, generator: generator, others: max(0, (machine1 - machine0) / wall - server - generator)))
    }
}

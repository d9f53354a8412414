import Foundation
import Synchronization

/// Sends `RequestMutator` requests to a running server, each on a new connection, and checks every outcome: a
/// well-formed HTTP/1.1 answer (a 4xx with the JSON error body), or the connection closed; never a 5xx, never
/// silence beyond `timeout`. Blocking: it runs its own threads, so call it from one that may block.
public struct FuzzRun: Sendable {
    public let port: Int
    public let seed: UInt64
    public let cases: Int
    public let concurrency: Int
    /// Longer than the server's request timeout, so an incomplete request is closed by the server well within it.
    public let timeout: Double

    public init(port: Int, seed: UInt64, cases: Int, concurrency: Int = 8, timeout: Double = 5) {
        self.port = port
        self.seed = seed
        self.cases = cases
        self.concurrency = concurrency
        self.timeout = timeout
    }

    public struct Report: Sendable, CustomStringConvertible {
        /// Answers by status code; 0 counts connections the server closed without a whole answer.
        public var statuses: [Int: Int] = [:]
        /// Cases that broke a rule, with the request that did it (first 200 bytes, escaped).
        public var failures: [String] = []
        public var seconds = 0.0

        public var description: String {
            let answered = statuses.sorted { $0.key < $1.key }.map { "\($0.key == 0 ? "closed" : String($0.key)): \($0.value)" }
            return "\(statuses.values.reduce(0, +)) cases in \(String(format: "%.1f", seconds)) s; "
                + answered.joined(separator: ", ") + "; failures: \(failures.count)"
        }
    }

    public func run() -> Report {
        var mutator = RequestMutator(seed: seed)
        let requests = (0..<cases).map { _ in mutator.next() }
        let shared = Progress()
        let start = Date()
        let group = DispatchGroup()
        for _ in 0..<concurrency {
            group.enter()
            let thread = Thread {
                while true {
                    let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < requests.count else { break }
                    let (status, failure) = check(requests[index])
                    shared.report.withLock { report in
                        report.statuses[status, default: 0] += 1
                        if let failure { report.failures.append("case \(index): \(failure): \(Self.escaped(requests[index]))") }
                    }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return shared.report.withLock { report in
            report.seconds = Date().timeIntervalSince(start)
            return report
        }
    }

    /// The status of the answer (0 when closed unanswered) and what was wrong with it, if anything.
    private func check(_ request: [UInt8]) -> (Int, String?) {
        guard let connection = try? RawConnection(port: port) else { return (0, "could not connect") }
        connection.send(request)
        switch connection.readAnswer(timeout: timeout, bodyless: request.starts(with: Array("HEAD ".utf8))) {
        case .response(let response):
            if response.status >= 500 { return (response.status, "server error \(response.status) \(response.body)") }
            if response.status >= 400, !request.starts(with: Array("HEAD ".utf8)) {
                guard response.header("Content-Type") == "application/json", let error = response.error, !error.isEmpty else {
                    return (response.status, "\(response.status) without the JSON error body: '\(response.body.prefix(80))'")
                }
            }
            return (response.status, nil)
        case .closed(let received):
            return (0, received == 0 ? nil : "closed after \(received) bytes that were no whole answer")
        case .silence(let received):
            return (0, "no answer and no close within \(timeout) s (\(received) bytes received)")
        case .malformed(let reason):
            return (0, "malformed answer: \(reason)")
        }
    }

    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.prefix(200).map { byte in
            (32..<127).contains(byte) ? String(UnicodeScalar(byte)) : byte == 13 ? "\\r" : byte == 10 ? "\\n" : String(format: "\\x%02x", byte)
        }.joined()
    }
}

/// What the fuzzing threads share: the next case to take and the report so far.
private final class Progress: Sendable {
    let next = Atomic(0)
    let report = Mutex(FuzzRun.Report())
}

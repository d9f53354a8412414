import ArgumentParser
import Foundation
import TandemCore
import TandemTerminal

/// `tandem watch`: stays connected and prints what the server announced and what the engine did about it.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stay connected: print the server's notices and what this device did about them (Ctrl-C stops).",
        discussion: """
        Each line is written as it happens, also into a pipe or a file. While it runs, this device pulls whenever \
        another device writes and, with auto-sync on, pushes the edits made here (by any tandem command) on its own.
        """)
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options) { engine in
            let snapshot = await engine.snapshot
            guard snapshot.phase != .signedOut else { throw CLIError(Describe.notSignedIn) }
            guard snapshot.phase != .needsPassword else { throw CLIError(Describe.needsPassword) }
            let signals = SignalStream.of([SIGINT, SIGTERM])
            await engine.startWatching()
            let ending = await withTaskGroup(of: Ending.self) { group in
                group.addTask { await Self.follow(engine) }
                group.addTask {
                    for await signal in signals { return .signal(signal) }
                    return .signal(SIGINT)
                }
                let first = await group.next() ?? .signal(SIGINT)
                group.cancelAll()
                return first
            }
            await engine.stopWatching()
            switch ending {
            case .signal(let number):
                Output.line("Stopped.")
                throw ExitCode(128 + number)
            case .needsPassword:
                throw CLIError(Describe.needsPassword)
            }
        }
    }

    private enum Ending: Sendable {
        case signal(Int32)
        case needsPassword
    }

    /// Prints feed changes and new activity until the password changes elsewhere (or the task is cancelled).
    private static func follow(_ engine: SyncEngine) async -> Ending {
        var feed: FeedStatus?
        var lastPrinted: ActivityEntry?
        for await snapshot in await engine.snapshots() {
            if snapshot.feed != feed {
                feed = snapshot.feed
                Output.line(Describe.feed(snapshot.feed))
            }
            // The log keeps its newest entries only: print those after the last one printed.
            let start = lastPrinted.flatMap { last in snapshot.activity.lastIndex(of: last).map { $0 + 1 } } ?? 0
            for entry in snapshot.activity[start...] { Output.line(entry.message) }
            lastPrinted = snapshot.activity.last ?? lastPrinted
            if snapshot.phase == .needsPassword { return .needsPassword }
        }
        return .signal(SIGINT)
    }
}

import ArgumentParser
import TandemCore
import TandemTUI

/// A pull, push or sync from the command line, and its exit status from the engine's outcome: 0 done, 1 failed
/// (one sentence on stderr), 3 conflicts wait for `tandem conflicts resolve`.
enum SyncRound {
    static func run(on engine: SyncEngine, _ round: (SyncEngine) async throws -> SyncOutcome) async throws {
        let outcome = try await EngineSession.narrating(engine, succeeded: succeeded) { try await round(engine) }
        try finish(outcome)
    }

    /// Done, or stopped for the user's choices: either way what happened is worth printing.
    static func succeeded(_ outcome: SyncOutcome) -> Bool {
        if case .conflictsWaiting = outcome { return true }
        return outcome.isSuccess
    }

    static func finish(_ outcome: SyncOutcome) throws {
        switch outcome {
        case .synced, .upToDate, .nothingToPush:
            return
        case .conflictsWaiting(let count):
            Output.error("\(Describe.conflicts(count)) to resolve: see `tandem conflicts list`.")
            throw ExitCode(3)
        default:
            throw CLIError(OutcomeWords.failure(outcome, hints: Describe.hints) ?? "The sync did not finish.")
        }
    }
}

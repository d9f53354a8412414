import ArgumentParser
import TandemCore
import TandemTUI

/// An account command's outcome as the CLI reports it: success quietly (the engine's narrative is already on
/// stdout), a refusal as one sentence on stderr with status 1.
enum AccountResult {
    /// Runs an account intent, prints its story when it succeeded and reports how it ended.
    static func run(on engine: SyncEngine, email: String? = nil, _ intent: () async throws -> AccountOutcome) async throws {
        try finish(try await EngineSession.narrating(engine, succeeded: \.isSuccess, intent), email: email)
    }

    static func finish(_ outcome: AccountOutcome, email: String? = nil) throws {
        if let failure = OutcomeWords.failure(outcome, email: email, hints: Describe.hints) { throw CLIError(failure) }
        switch outcome {
        case .verificationPending:
            Output.line("Follow the link in the verification mail, then run `tandem login`.")
        case .signedIn(_, let sync), .passwordChanged(let sync):
            // Signed in either way; what the first sync found is reported like a sync's (conflicts: status 3).
            if case .conflictsWaiting = sync { try SyncRound.finish(sync) }
            if let failure = OutcomeWords.failure(sync, hints: Describe.hints) {
                Output.error("Signed in, but the sync that followed did not finish: \(failure)")
            }
        default:
            break
        }
    }
}

import ArgumentParser
import Foundation
import TandemCore
import TandemTUI

/// How every subcommand runs: the profile checked and opened, key-derivation progress on stderr while the command
/// runs, and a refusal or failure as one sentence on stderr with status 1.
enum EngineSession {
    /// What a command may do with the profile it is given.
    enum Access {
        /// Acts on a device that exists, with the server it is signed in to (the usual case).
        case existingProfile
        /// `register` and `login`: may create the profile; a signed-in one keeps its server.
        case signIn
        /// `config`: acts on an existing profile and may name another server itself.
        case configuration
    }

    static func run(_ options: ProfileOptions, access: Access = .existingProfile, _ body: (SyncEngine) async throws -> Void) async throws {
        // A first log-in that fails (a mistyped profile, a wrong password) leaves no empty profile behind.
        var created = false
        func forgetCreated() { if created { ProfileCatalog.removeNew(options.profileName) } }
        do {
            if access != .signIn { try ProfileCatalog.requireExisting(options.profileName) }
            created = try !ProfileCatalog.exists(options.profileName)
            let engine = try await options.openEngine()
            if access != .configuration { try options.refuseServerMismatch(await engine.snapshot) }
            let progress = Task { await showProgress(of: engine) }
            defer { progress.cancel() }
            try await body(engine)
        } catch let error as EngineError {
            forgetCreated()
            Output.fail(OutcomeWords.sentence(error))
        } catch let error as CLIError {
            forgetCreated()
            Output.fail(error.message)
        }
    }

    /// Runs `intent` and, when `succeeded` says it did, prints on stdout what the engine logged meanwhile ("Pulled
    /// sequence 4 and merged 2 changes…"): the story of the result. A failed intent prints nothing there; its one
    /// sentence goes to stderr.
    static func narrating<Result>(_ engine: SyncEngine, succeeded: (Result) -> Bool,
                                  _ intent: () async throws -> Result) async throws -> Result {
        let before = await engine.snapshot.activity.last
        let result = try await intent()
        guard succeeded(result) else { return result }
        let activity = await engine.snapshot.activity
        let start = before.flatMap { activity.lastIndex(of: $0).map { $0 + 1 } } ?? 0
        Output.lines(activity[start...].filter { $0.level != .error }.map(\.message))
        return result
    }

    /// Shows key derivation as it runs (it takes seconds at full strength), on a terminal only: a script reading
    /// stderr gets nothing there but the one sentence of a failure.
    private static func showProgress(of engine: SyncEngine) async {
        guard isatty(FileHandle.standardError.fileDescriptor) == 1 else { return }
        var showing: DerivationStatus?
        for await snapshot in await engine.snapshots() {
            guard snapshot.derivation != showing else { continue }
            if let status = snapshot.derivation {
                let percent = status.fraction.map { " \(Int($0 * 100))%" } ?? ""
                FileHandle.standardError.write(Data("\r\(status.purpose)…\(percent)\u{1B}[K".utf8))
            } else if showing != nil {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            }
            showing = snapshot.derivation
        }
    }
}

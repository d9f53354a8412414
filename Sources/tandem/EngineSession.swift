import ArgumentParser
import Foundation
import TandemCore

/// How every subcommand runs an intent: key-derivation progress on stderr, the activity it caused on stdout,
/// a refusal as one sentence on stderr with status 1, and status 3 when conflicts wait for the user.
enum EngineSession {
    static func run(_ options: ProfileOptions, printActivity: Bool = true, _ body: (SyncEngine) async throws -> Void) async throws {
        do {
            let engine = try await options.openEngine()
            let phaseBefore = await engine.snapshot.phase
            let progress = Task { await showProgress(of: engine) }
            defer { progress.cancel() }
            try await body(engine)
            progress.cancel()
            let snapshot = await engine.snapshot
            if printActivity { for entry in snapshot.activity { print(entry.message) } }
            if snapshot.activity.contains(where: { $0.level == .error }) { throw ExitCode.failure }
            if snapshot.phase == .needsPassword, phaseBefore != .needsPassword {
                fail("The server no longer accepts this device's token; run `tandem login` with the current password.")
            }
            if snapshot.phase == .awaitingResolution {
                let count = snapshot.conflicts.count
                FileHandle.standardError.write(Data("tandem: \(count) conflict\(count == 1 ? "" : "s") to resolve: see `tandem conflicts list`.\n".utf8))
                throw ExitCode(3)
            }
        } catch let error as EngineError {
            fail(error.description)
        } catch let error as CLIError {
            fail(error.message)
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("tandem: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// Shows key derivation as it runs (it takes seconds at full strength).
    private static func showProgress(of engine: SyncEngine) async {
        let terminal = isatty(FileHandle.standardError.fileDescriptor) == 1
        var showing: DerivationStatus?
        for await snapshot in await engine.snapshots() {
            guard snapshot.derivation != showing else { continue }
            if let status = snapshot.derivation {
                let percent = status.fraction.map { " \(Int($0 * 100))%" } ?? ""
                if terminal {
                    FileHandle.standardError.write(Data("\r\(status.purpose)…\(percent)\u{1B}[K".utf8))
                } else if showing?.purpose != status.purpose {
                    FileHandle.standardError.write(Data("\(status.purpose)…\n".utf8))
                }
            } else if terminal, showing != nil {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            }
            showing = snapshot.derivation
        }
    }
}

/// Machine-readable output for `--json`.
enum JSONOutput {
    static func print(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}

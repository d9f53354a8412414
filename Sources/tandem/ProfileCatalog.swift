import Foundation
import TandemClient

/// The profiles on this machine: one state file each in the data directory.
///
/// Commands that act on an existing device check here first, so a mistyped `--profile` is reported (naming the
/// profiles that do exist) instead of silently becoming a new, empty device.
enum ProfileCatalog {
    /// The state file of `profile`, or a sentence saying why the name cannot be one.
    static func path(of profile: String) throws(CLIError) -> String {
        do {
            return try SQLiteSyncStateStore.path(forProfile: profile)
        } catch {
            throw CLIError("'\(profile)' cannot be a profile name: use letters, digits, '.', '_' and '-'.")
        }
    }

    static func exists(_ profile: String) throws(CLIError) -> Bool {
        FileManager.default.fileExists(atPath: try path(of: profile))
    }

    /// The names of the profiles that have a state file, sorted.
    static func names() -> [String] {
        guard let sample = try? SQLiteSyncStateStore.path(forProfile: "default") else { return [] }
        let directory = (sample as NSString).deletingLastPathComponent
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(".sqlite".count)) }.sorted()
    }

    /// Removes a profile's files; only for one this very command created and that never got an account.
    static func removeNew(_ profile: String) {
        guard let path = try? path(of: profile) else { return }
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Refuses a profile without a state file, naming the ones there are and how to make one.
    static func requireExisting(_ profile: String) throws(CLIError) {
        guard try !exists(profile) else { return }
        let others = names()
        let known = switch others.count {
        case 0: "there are no profiles yet"
        case 1: "the only profile is '\(others[0])'"
        default: "the profiles are " + others.map { "'\($0)'" }.joined(separator: ", ")
        }
        throw CLIError("There is no profile '\(profile)' (\(known)); `tandem register` or `tandem login` with --profile \(profile) creates it.")
    }
}

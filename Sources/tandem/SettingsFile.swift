import Foundation
import TandemTUI

/// The settings file on disk: `$XDG_CONFIG_HOME/tandem/config`, else `~/.config/tandem/config` (see `UserSettings`).
enum SettingsFile {
    /// Where the file is (it may not exist: then every setting has its default).
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return ((base as NSString).appendingPathComponent("tandem") as NSString).appendingPathComponent("config")
    }

    /// The settings, and a sentence for each line that could not be used (naming the file).
    static func load() -> (UserSettings, [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return (UserSettings(), []) }
        guard let text = String(data: data, encoding: .utf8) else { return (UserSettings(), ["\(path) is not UTF-8 text; it was ignored."]) }
        let (settings, problems) = UserSettings.parse(text)
        return (settings, problems.map { "\(path), \($0); that line was ignored." })
    }

    /// Sets `key` to `value` in the file, keeping its other lines; returns a sentence when the file cannot be written.
    static func save(_ key: String, _ value: String) -> String? {
        let current = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let updated = UserSettings.setting(key, to: value, in: current)
        guard updated != current else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            return "Could not remember the \(key) in \(path): \(error.localizedDescription)."
        }
    }
}

import Foundation

/// A line for the status bar: an outcome, a hint, or a refusal in one sentence.
public struct StatusMessage: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable { case info, success, warning, error }
    public var text: String
    public var level: Level
    public var shownAt: Date

    public init(_ text: String, level: Level, shownAt: Date) {
        self.text = text
        self.level = level
        self.shownAt = shownAt
    }
}

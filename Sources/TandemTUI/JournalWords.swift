import Foundation
import TandemCore

/// Words for journal entries, shared by the UI's history view and `tandem history`.
public enum JournalWords {
    /// Where a change came from: "edited here", "pulled (sequence 7)", "resolved (sequence 7)", "undo", "redo".
    public static func origin(_ origin: JournalOrigin) -> String {
        switch origin {
        case .local: "edited here"
        case .pulled(let sequence): "pulled (sequence \(sequence))"
        case .resolved(let sequence): "conflict resolved (sequence \(sequence))"
        case .undo: "undo"
        case .redo: "redo"
        }
    }

    /// A value as a list shows it: quoted, or "(none)" for a key that did not exist or was deleted.
    public static func value(_ value: ExactText?) -> String {
        value.map { "'\($0.string)'" } ?? "(none)"
    }

    /// "car: 'Saab' → 'Volvo'" (or "car: deleted (was 'Volvo')", "car: added 'Volvo'").
    public static func change(_ entry: JournalEntry, arrow: String = "→") -> String {
        switch (entry.old, entry.new) {
        case (nil, let new?): "\(entry.key): added '\(new)'"
        case (let old?, nil): "\(entry.key): deleted (was '\(old)')"
        default: "\(entry.key): \(value(entry.old)) \(arrow) \(value(entry.new))"
        }
    }

    /// What `u` or `tandem undo` did, in one sentence.
    public static func undone(_ entry: JournalEntry, redo: Bool) -> String {
        let what = redo ? "Redone" : "Undone"
        switch entry.new {
        case nil: return "\(what): '\(entry.key)' is deleted again."
        case let value?: return entry.old == nil ? "\(what): '\(entry.key)' is back, with '\(value)'." : "\(what): '\(entry.key)' is '\(value)' again."
        }
    }
}

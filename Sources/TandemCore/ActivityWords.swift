/// The engine's activity log names keys: "Pulled sequence 7 and merged 1 change from other devices: car took
/// 'Volvo'.", "Conflict on car (sequence 5): …", "Pushed 2 changes as sequence 7: car, theme."
enum ActivityWords {
    /// "car", "car and theme", "car, shell and theme", "car, shell, theme and 4 more".
    static func keys(_ keys: [ExactText], shown: Int = 3) -> String {
        let names = keys.prefix(shown).map(\.string)
        let rest = keys.count - names.count
        if rest > 0 { return names.joined(separator: ", ") + " and \(rest) more" }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// "car took 'Volvo', theme was deleted and 3 more".
    static func incoming(_ entries: [JournalEntry], shown: Int = 3) -> String {
        let parts = entries.prefix(shown).map { entry in
            entry.new.map { "\(entry.key) took '\(short($0.string))'" } ?? "\(entry.key) was deleted"
        }
        let rest = entries.count - parts.count
        if rest > 0 { return parts.joined(separator: ", ") + " and \(rest) more" }
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }

    /// A value cut to a length a log line can carry.
    static func short(_ value: String, limit: Int = 40) -> String {
        value.count <= limit ? value : String(value.prefix(limit - 1)) + "…"
    }
}

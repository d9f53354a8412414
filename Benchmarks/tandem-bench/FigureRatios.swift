import Foundation

/// Two servers' figures from alternated runs, set side by side: each server's runs, and the ratio of the second
/// server's mean to the first's.
struct FigureRatios {
    /// A server's name and the figure sheets of its runs.
    struct Side {
        let name: String
        let sheets: [FigureSheet]
    }

    let first: Side
    let second: Side

    func report() -> String {
        var names: [String] = []
        var better: [String: FigureSheet.Better] = [:]
        for sheet in first.sheets + second.sheets {
            for figure in sheet.figures where better[figure.name] == nil {
                names.append(figure.name)
                better[figure.name] = figure.better
            }
        }
        var lines = ["\(second.name) ÷ \(first.name), the means of each side's runs (each row says which way is better):"]
        for name in names {
            let firstValues = values(of: name, in: first), secondValues = values(of: name, in: second)
            let ratio = firstValues.isEmpty || secondValues.isEmpty
                ? "—" : String(format: "%.2f×", mean(secondValues) / mean(firstValues))
            let label = name.padding(toLength: 56, withPad: " ", startingAt: 0)
            let row = "\(label) \(first.name) \(Self.list(firstValues)); \(second.name) \(Self.list(secondValues))"
            lines.append("\(row)   → \(ratio) (\(better[name]!.rawValue) is better)")
        }
        return lines.joined(separator: "\n")
    }

    private func values(of name: String, in side: Side) -> [Double] {
        side.sheets.compactMap { sheet in sheet.figures.first { $0.name == name }?.value }
    }

    private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    private static func list(_ values: [Double]) -> String {
        values.isEmpty ? "not measured" : values.map(format).joined(separator: ", ")
    }

    private static func format(_ value: Double) -> String {
        String(format: value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value)
    }
}

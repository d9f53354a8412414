import Foundation

/// The figures of one benchmark run, saved as tab-separated lines (name, value, which way is better) so that runs
/// against different servers can be set side by side by `tandem-bench ratios`.
struct FigureSheet {
    enum Better: String {
        case higher, lower
    }

    struct Figure {
        let name: String
        let value: Double
        let better: Better
    }

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var figures: [Figure] = []

    init() {}

    mutating func record(_ name: String, _ value: Double, _ better: Better) {
        guard value.isFinite else { return }
        figures.append(Figure(name: name, value: value, better: better))
    }

    func write(to path: String) throws {
        let text = figures.map { "\($0.name)\t\($0.value)\t\($0.better.rawValue)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let value = Double(fields[1]), let better = Better(rawValue: String(fields[2])) else {
                throw Unreadable(description: "\(path): not a figure line: \(line)")
            }
            figures.append(Figure(name: String(fields[0]), value: value, better: better))
        }
    }
}

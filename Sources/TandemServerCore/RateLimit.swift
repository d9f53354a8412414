/// At most `count` events per `period`, as a token bucket: a burst of `count`, then one more every `period / count`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var count: Int
    public var period: Duration

    public init(_ count: Int, per period: Duration) {
        self.count = count
        self.period = period
    }

    private static let units: [(name: String, seconds: Int64)] = [("h", 3600), ("min", 60), ("s", 1)]

    /// Parses `COUNT/PERIOD` where PERIOD is an optional number and a unit: `10/h`, `5/15min`, `100/10s`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let count = Int(parts[0]), count > 0 else { return nil }
        let digits = parts[1].prefix(while: \.isNumber)
        guard let unit = Self.units.first(where: { $0.name == parts[1].dropFirst(digits.count) }),
              let amount = digits.isEmpty ? 1 : Int64(digits), amount > 0 else { return nil }
        self.init(count, per: .seconds(amount * unit.seconds))
    }

    /// As parsed: `10/h`, `5/15min`.
    public var description: String {
        let seconds = period.components.seconds
        let unit = Self.units.first { seconds % $0.seconds == 0 }!
        let amount = seconds / unit.seconds
        return amount == 1 ? "\(count)/\(unit.name)" : "\(count)/\(amount)\(unit.name)"
    }
}

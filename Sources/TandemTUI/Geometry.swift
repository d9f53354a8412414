/// A terminal size in columns and rows.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The smallest size the UI lays out; below it a "terminal too small" notice is shown.
    public static let minimum = Size(width: 40, height: 12)

    public var description: String { "\(width)×\(height)" }
}

/// A cell position, column `x` and row `y`, from the top left.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

    /// Splits off the top `rows` rows, returning them and leaving the rest in `self`.
    public mutating func takeTop(_ rows: Int) -> Rect {
        let taken = Rect(x: x, y: y, width: width, height: min(rows, height))
        self = Rect(x: x, y: y + taken.height, width: width, height: height - taken.height)
        return taken
    }

    /// Splits off the bottom `rows` rows, returning them and leaving the rest in `self`.
    public mutating func takeBottom(_ rows: Int) -> Rect {
        let taken = Rect(x: x, y: maxY - min(rows, height), width: width, height: min(rows, height))
        self = Rect(x: x, y: y, width: width, height: height - taken.height)
        return taken
    }

    /// Splits off the left `columns` columns, returning them and leaving the rest in `self`.
    public mutating func takeLeft(_ columns: Int) -> Rect {
        let taken = Rect(x: x, y: y, width: min(columns, width), height: height)
        self = Rect(x: x + taken.width, y: y, width: width - taken.width, height: height)
        return taken
    }

    /// A rectangle of the given size centred in this one (clipped to it).
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }
}

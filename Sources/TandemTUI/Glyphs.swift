/// The characters used for lines and symbols: Unicode box drawing, or ASCII when the locale cannot show it.
struct Glyphs {
    struct Box {
        var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    }

    var light: Box
    /// For the focused pane: focus must read without colour.
    var heavy: Box
    var selection: String
    var progressDone: String
    var progressTodo: String
    var info, success, warning, failure: String
    var arrowUp: String

    static let unicode = Glyphs(
        light: Box(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│"),
        heavy: Box(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃"),
        selection: "›", progressDone: "█", progressTodo: "░", info: "·", success: "✓", warning: "!", failure: "✗", arrowUp: "↑")

    static let ascii = Glyphs(
        light: Box(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|"),
        heavy: Box(topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#", horizontal: "=", vertical: "#"),
        selection: ">", progressDone: "#", progressTodo: ".", info: "-", success: "+", warning: "!", failure: "x", arrowUp: "^")
}

extension Glyphs {
    private var isASCII: Bool { light.horizontal == "-" }
    /// Around the characters a conflict side has and the other lacks (the detail view's diff; readable without colour).
    var diffOpen: String { isASCII ? "[[" : "⟦" }
    var diffClose: String { isASCII ? "]]" : "⟧" }
    /// Ends a line that ends with a line break in a value.
    var lineBreak: String { isASCII ? "\\n" : "↵" }
    var arrowDown: String { isASCII ? "v" : "↓" }
}

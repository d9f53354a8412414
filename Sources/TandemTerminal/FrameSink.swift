import TandemTUI

/// Paints frames through curses into /dev/null: the whole render-and-paint path of a keystroke, measurable without a
/// terminal (benchmarks).
public final class FrameSink {
    private let terminal = Terminal()

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A curses screen of `size` for terminal type `terminalName` (e.g. xterm-256color) whose output is discarded.
    public init(terminalName: String, size: Size) throws(Failure) {
        do {
            try terminal.start(output: .discard(terminalName: terminalName))
        } catch {
            throw Failure(description: error.description)
        }
        terminal.resize(to: size)
    }

    public var size: Size { terminal.size }

    /// Paints `screen` as the UI would: only cells that changed since the last frame, then one refresh.
    public func paint(_ screen: Screen, theme: Theme) {
        terminal.paint(screen, theme: theme)
    }

    public func stop() { terminal.stop() }

    deinit { terminal.stop() }
}

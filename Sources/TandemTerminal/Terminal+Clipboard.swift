import CNcurses
import Foundation

extension Terminal {
    /// Puts `text` on the clipboard of the terminal the user sits at, with the OSC 52 escape sequence: it travels
    /// over SSH, and tmux passes it on (or keeps it as a paste buffer) when its `set-clipboard` option is on. Written
    /// straight to the descriptor between frames on the UI thread (curses has written its frame by then), so it never
    /// lands inside one.
    func copyToClipboard(_ text: String) {
        guard isatty(STDOUT_FILENO) == 1 else { return }
        let bytes = Array(("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                return
            }
        }
    }
}

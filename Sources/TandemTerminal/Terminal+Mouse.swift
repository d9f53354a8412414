import CNcurses
import TandemTUI

extension Terminal {
    /// Turns mouse reporting on (clicks and the wheel come as events) or off (the terminal selects text itself).
    func setMouse(_ on: Bool) {
        guard tandem_stdscr() != nil else { return }
        // No waiting to tell a click from a double click: a click acts when the button goes down.
        mouseinterval(0)
        mousemask(on ? tandem_mouse_events() : 0, nil)
    }

    /// The mouse event curses just decoded, if it is one the UI knows.
    func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let at = Point(x: Int(event.x), y: Int(event.y))
        switch tandem_mouse_button(event.bstate) {
        case 1: return MouseEvent(.click, at: at)
        case 4: return MouseEvent(.wheelUp, at: at)
        case 5: return MouseEvent(.wheelDown, at: at)
        default: return nil
        }
    }
}

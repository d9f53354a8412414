import Foundation
import TandemCore

/// How the device stands with its server, read from the last request and the websocket together, so the Sync and
/// Connection panes tell one story: no "offline" beside "notices connected", no "ok" after the server refused the
/// sign-in.
enum ServerLink: Equatable {
    /// Nothing asked yet.
    case unknown
    /// The last request was answered.
    case online(latency: Duration)
    /// The server no longer accepts this device's sign-in (a 401: the password changed elsewhere).
    case refused
    /// The last request failed and the websocket is not connected either.
    case unreachable(String)
    /// The last request failed, but the websocket has connected since: the server is back.
    case back(String)

    init(_ snapshot: SyncSnapshot) {
        if snapshot.phase == .needsPassword {
            self = .refused
            return
        }
        switch snapshot.connection {
        case .unknown: self = .unknown
        case .online(let latency): self = .online(latency: latency)
        case .offline(let reason): self = snapshot.feed == .connected ? .back(ErrorWords.plain(reason)) : .unreachable(ErrorWords.plain(reason))
        }
    }

    var isUnreachable: Bool { if case .unreachable = self { true } else { false } }

    /// The Request line.
    var request: (String, Role) {
        switch self {
        case .unknown: ("no request yet", .textDim)
        case .online(let latency): ("ok in \(Words.milliseconds(latency)) ms", .statusOK)
        case .refused: ("refused: new password needed", .statusWarning)
        case .unreachable(let reason): ("offline: \(reason)", .statusOffline)
        case .back(let reason): ("server back; last failed: \(reason)", .statusWarning)
        }
    }

    /// The Notices line: the websocket's own state, except that a refused sign-in explains a closed socket.
    func notices(_ snapshot: SyncSnapshot, now date: Date) -> (String, Role) {
        if self == .refused, snapshot.feed != .connected { return ("stopped: new password needed", .statusWarning) }
        return Words.feed(snapshot.feed, now: date)
    }
}

import Foundation
import TandemCore

/// Plain words for engine states, with the role that colours them (the words carry the meaning on their own).
enum Words {
    static func phase(_ panel: DevicePanel) -> (String, Role) {
        let snapshot = panel.snapshot
        if let derivation = snapshot.derivation { return ("\(derivation.purpose.lowercased())…", .statusBusy) }
        switch snapshot.phase {
        case .signedOut: return ("signed out", .statusWarning)
        case .idle:
            if ServerLink(snapshot).isUnreachable { return ("offline", .statusOffline) }
            return ("ready", .statusOK)
        case .pulling: return ("pulling…", .statusBusy)
        case .pushing: return ("pushing…", .statusBusy)
        case .changingPassword: return ("changing the password…", .statusBusy)
        case .awaitingResolution:
            let count = panel.unresolvedCount
            return (count == 0 ? "choices made: Enter applies" : "\(count) conflict\(count == 1 ? "" : "s") to decide", .statusWarning)
        case .needsPassword: return ("new password needed", .statusWarning)
        }
    }

    static func sequences(_ snapshot: SyncSnapshot) -> (String, Role) {
        guard let synced = snapshot.syncedSequence else {
            if let latest = snapshot.latestRemoteSequence { return ("never · server at \(latest)", .statusWarning) }
            return ("never", .textDim)
        }
        guard let latest = snapshot.latestRemoteSequence, latest > synced else {
            return ("sequence \(synced) (up to date)", .statusOK)
        }
        return ("sequence \(synced) · server at \(latest) (behind)", .statusWarning)
    }

    static func localChanges(_ snapshot: SyncSnapshot) -> (String, Role) {
        let changes = snapshot.localChanges
        guard !changes.isEmpty else { return ("none", .textDim) }
        let names = changes.prefix(3).map(\.key.string).joined(separator: ", ")
        return ("\(changes.count) not pushed: \(names)\(changes.count > 3 ? ", …" : "")", .statusWarning)
    }

    static func connection(_ status: ConnectionStatus) -> (String, Role) {
        switch status {
        case .unknown: ("no request yet", .textDim)
        case .online(let latency): ("ok in \(milliseconds(latency)) ms", .statusOK)
        case .offline(let reason): ("offline: \(ErrorWords.plain(reason))", .statusOffline)
        }
    }

    static func feed(_ status: FeedStatus, now: Date) -> (String, Role) {
        switch status {
        case .off: ("off", .textDim)
        case .connecting: ("connecting…", .statusBusy)
        case .connected: ("connected", .statusOK)
        case let .reconnecting(at, reason):
            ("reconnecting in \(max(0, Int(at.timeIntervalSince(now).rounded(.up)))) s (\(ErrorWords.plain(reason)))", .statusOffline)
        case .closedByServer(let reason): ("closed by the server: \(ErrorWords.plain(reason))", .statusWarning)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// "12:03:04" in `timeZone` (arithmetic rather than Calendar: it runs for every visible log line, every frame).
    static func clock(_ date: Date, _ timeZone: TimeZone) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let seconds = ((local % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))"
    }

    /// "12:03:04 (5 s ago)".
    static func moment(_ date: Date, now: Date, _ timeZone: TimeZone) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let ago = seconds < 60 ? "\(seconds) s ago" : seconds < 3600 ? "\(seconds / 60) min ago" : "\(seconds / 3600) h ago"
        return "\(clock(date, timeZone)) (\(ago))"
    }

    /// A short stable form of a device id.
    static func shortID(_ id: String) -> String { String(id.prefix(8)) }

    /// How a conflict side reads: its value, or a word for absence.
    static func side(_ value: ExactText?, isBase: Bool = false) -> (String, Role?) {
        guard let value else { return (isBase ? "(none)" : "deleted", isBase ? .textDim : .conflictDeleted) }
        return (value.isEmpty ? "(empty)" : value.string, nil)
    }

    /// The profile's auto-sync setting as the Sync pane shows it.
    static func autoSync(_ snapshot: SyncSnapshot) -> (String, Role) {
        snapshot.autoSync ? ("on (A turns it off)", .statusOK) : ("off: s syncs (A turns it on)", .textDim)
    }
}

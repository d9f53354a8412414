import Foundation
import TandemCore

/// People's words for the devices intents, shared by the terminal UI and the CLI.
public enum DeviceWords {
    /// Why this device is signed out after the server ended its session.
    public static func signedOut(_ reason: ServerSignOut) -> String {
        switch reason {
        case .deviceRevoked:
            "This device was removed from the account (revoked on another device, or its session ended); log in again to sync. Its preferences stay here."
        case .accountDeleted:
            "The account was deleted; this device is signed out and keeps its preferences."
        }
    }

    /// Why a devices intent did not do what was asked, or nil when it did.
    public static func failure(_ outcome: DeviceOutcome, hints: OutcomeWords.Hints) -> String? {
        switch outcome {
        case .listed, .revoked, .loggedOut, .accountDeleted: nil
        case .renamed(let sync): OutcomeWords.failure(sync, hints: hints).map { "Renamed here, not on the server yet: \($0)" }
        case .unavailable: "This server does not offer device management or account deletion (an older server)."
        case .noSuchDevice: "The account has no such device."
        case .emptyName: "A device name cannot be empty."
        case .rateLimited(let seconds):
            "Too many attempts; try again \(seconds.map { "in \($0) second\($0 == 1 ? "" : "s")" } ?? "later")."
        case .notSignedIn: "This device is not signed in: \(hints.signIn)."
        case .needsPassword: OutcomeWords.failure(SyncOutcome.needsPassword, hints: hints)
        case .signedOutByServer(let reason): signedOut(reason)
        case .wrongPassword: "Wrong password."
        case .serverUnreachable(let detail), .refused(let detail):
            OutcomeWords.failure(SyncOutcome.refused(detail), hints: hints)
        }
    }

    /// "laptop" or the device id when it has no name.
    public static func name(_ device: DeviceInfo) -> String {
        device.name ?? device.id
    }

    /// "3 minutes ago" style, to the minute (the server keeps last-seen times to the minute).
    public static func lastSeen(_ date: Date?, now: Date) -> String {
        guard let date else { return "unknown" }
        let minutes = Int(now.timeIntervalSince(date) / 60)
        switch minutes {
        case ..<1: return "just now"
        case 1..<60: return "\(minutes) minute\(minutes == 1 ? "" : "s") ago"
        case 60..<(48 * 60): return "\(minutes / 60) hour\(minutes / 60 == 1 ? "" : "s") ago"
        default: return "\(minutes / (24 * 60)) days ago"
        }
    }
}

import Foundation
import TandemServerCore

/// How admin commands print: aligned tables for people, JSON for scripts. Times are RFC 3339 in UTC.
enum AdminOutput {
    static func table(_ summaries: [AccountSummary]) -> String {
        render(header: ["EMAIL", "VERIFIED", "CREATED", "DEVICES", "LAST SEEN", "WALLET"], rows: summaries.map { account in
            [printable(account.email), account.verified ? "yes" : "no", timeOrDash(account.createdAt), String(account.devices),
             timeOrDash(account.lastSeenAt), account.walletSequence == 0 ? "-" : String(account.walletSequence)]
        })
    }

    static func table(_ devices: [DeviceRecord]) -> String {
        render(header: ["DEVICE", "CREATED", "LAST SEEN"], rows: devices.map { device in
            [printable(device.deviceID), time(device.createdAt), time(device.lastSeenAt)]
        })
    }

    static func json(_ summaries: [AccountSummary]) -> String {
        encode(["accounts": summaries.map { account in
            AccountJSON(id: account.id, email: account.email, verified: account.verified,
                        createdAt: account.createdAt.map(time), devices: account.devices,
                        lastSeenAt: account.lastSeenAt.map(time), walletSequence: account.walletSequence)
        }])
    }

    static func json(_ devices: [DeviceRecord]) -> String {
        encode(["devices": devices.map { device in
            DeviceJSON(deviceId: device.deviceID, createdAt: time(device.createdAt), lastSeenAt: time(device.lastSeenAt))
        }])
    }

    /// A client-chosen string made safe for a terminal: device ids are whatever a client sent, and an escape
    /// sequence must not reach the operator's terminal as one. Control characters are shown as `\u{..}`.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func timeOrDash(_ date: Date?) -> String { date.map(time) ?? "-" }
    private static func time(_ date: Date) -> String { date.formatted(.iso8601) }

    private static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    private struct AccountJSON: Encodable {
        let id: AccountID
        let email: String
        let verified: Bool
        let createdAt: String?
        let devices: Int
        let lastSeenAt: String?
        let walletSequence: UInt32

        enum CodingKeys: CodingKey { case id, email, verified, createdAt, devices, lastSeenAt, walletSequence }

        /// Unknown times are `null` rather than missing, so every object has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(email, forKey: .email)
            try container.encode(verified, forKey: .verified)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(devices, forKey: .devices)
            try container.encode(lastSeenAt, forKey: .lastSeenAt)
            try container.encode(walletSequence, forKey: .walletSequence)
        }
    }

    private struct DeviceJSON: Encodable {
        let deviceId: String
        let createdAt: String
        let lastSeenAt: String
    }
}

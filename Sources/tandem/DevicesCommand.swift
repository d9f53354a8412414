import ArgumentParser
import Foundation
import TandemCore
import TandemTUI

/// `tandem devices list|revoke|rename`: the account's devices, their names (kept in the encrypted wallet) and revocation.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices", abstract: "List, rename and revoke the devices signed in to the account.",
        discussion: "Names live in the encrypted wallet, so the server never sees them. A server without device support says so.",
        subcommands: [List.self, Revoke.self, Rename.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the account's devices (this one first, marked *).")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Machine-readable output: a JSON array of {id, name, createdAt, lastSeenAt, current}.") var json = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                // Names come from the wallet: take the newest first (a failure here shows in the listing's outcome).
                _ = await engine.pull()
                let devices = try DevicesCommand.listed(await engine.devices())
                if json { return Output.json(devices.map(DevicesCommand.json)) }
                let now = Date()
                Output.lines(devices.map { device in
                    let name = device.name.map { "\($0)  (\(device.id))" } ?? device.id
                    return "\(device.isThisDevice ? "*" : " ") \(name)  last seen \(DeviceWords.lastSeen(device.lastSeenAt, now: now))"
                        + (device.isThisDevice ? "  (this device)" : "")
                })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a device out of the account (asks first unless --yes).",
            discussion: "Revoking this device logs it out; its preferences stay here. The revoked device says so at its next sync.")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The device id (see `tandem devices list`).") var id: String
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let isThis = await engine.snapshot.deviceID == id
                if !yes {
                    try Confirm.ask(isThis ? "Revoke this device (log it out of the account)? [y/N] "
                                    : "Revoke device \(id)? It will be signed out of the account. [y/N] ")
                }
                let outcome = try await engine.revokeDevice(id)
                if let failure = DeviceWords.failure(outcome, hints: Describe.hints) { throw CLIError(failure) }
                Output.line(outcome == .loggedOut ? "Logged out: this device is revoked; its preferences stay here."
                            : "Revoked device \(id).")
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name a device (stored in the encrypted wallet and synced like an edit).")
        @OptionGroup var options: ProfileOptions
        @Argument(help: "The device id (see `tandem devices list`).") var id: String
        @Argument(help: "Its new name.") var name: String

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let outcome = try await engine.renameDevice(id, to: name)
                if let failure = DeviceWords.failure(outcome, hints: Describe.hints) { throw CLIError(failure) }
                Output.line("Named device \(id) '\(name)'.")
            }
        }
    }

    static func listed(_ outcome: DeviceOutcome) throws -> [DeviceInfo] {
        guard case .listed(let devices) = outcome else {
            throw CLIError(DeviceWords.failure(outcome, hints: Describe.hints) ?? "The server did not list the devices.")
        }
        return devices
    }

    static func json(_ device: DeviceInfo) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        var object: [String: Any] = ["id": device.id, "current": device.isThisDevice, "name": device.name ?? NSNull()]
        object["createdAt"] = device.createdAt.map { formatter.string(from: $0) } ?? NSNull()
        object["lastSeenAt"] = device.lastSeenAt.map { formatter.string(from: $0) } ?? NSNull()
        return object
    }
}

/// `tandem account delete`: deletes the account on the server after the password and a typed confirmation.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage the account on the server.",
                                                    subcommands: [Delete.self])

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the account, its wallet and every device's sign-in on the server.",
            discussion: """
            Asks for the password and for the account's email typed out as confirmation. With --password-stdin the \
            password is the first line of standard input and the confirmation the second (unless --yes). Every \
            device, this one included, keeps its preferences locally and is signed out.
            """)
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Read the password (and then the confirmation) from standard input instead of prompting.") var passwordStdin = false
        @Flag(help: "Do not ask to type the email as confirmation.") var yes = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                guard let email = await engine.snapshot.email else { throw CLIError(Describe.notSignedIn) }
                let password = try PasswordReader.read("password", fromStandardInput: passwordStdin)
                if !yes {
                    let prompt = "This deletes the account \(email) and its wallet on the server for every device. Type the email to confirm: "
                    let typed = passwordStdin ? try PasswordReader.line("confirmation") : try Confirm.line(prompt)
                    guard typed.trimmingCharacters(in: .whitespaces) == email else {
                        throw CLIError("The confirmation did not match \(email); nothing was deleted.")
                    }
                }
                let outcome = try await engine.deleteAccount(password: password)
                if let failure = DeviceWords.failure(outcome, hints: Describe.hints) { throw CLIError(failure) }
                Output.line("Deleted the account \(email); this device is signed out and keeps its preferences.")
            }
        }
    }
}

/// `tandem invite`: a join link for another device (the server and email, never a secret).
struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Print a link that sets up another device for this account.",
        discussion: """
        The link is tandem://join?server=<URL>&email=<address> (percent-encoded). It holds no secret: on the new \
        device, `tandem join LINK` (or the UI's log-in dialog) asks only for the password.
        """)
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options) { engine in
            let snapshot = await engine.snapshot
            guard let email = snapshot.email, let server = snapshot.server else { throw CLIError(Describe.notSignedIn) }
            Output.line(JoinLink(server: server, email: email).text)
        }
    }
}

/// `tandem join LINK`: signs this profile in with a join link's server and email; asks only for the password.
struct JoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join", abstract: "Sign this device in with a link from `tandem invite`; asks only for the password.")
    @OptionGroup var options: ProfileOptions
    @Argument(help: "The link, tandem://join?server=…&email=….") var link: String
    @Flag(help: "Read the password from the first line of standard input instead of prompting.") var passwordStdin = false

    func run() async throws {
        let joined: JoinLink
        switch JoinLink.parse(link) {
        case .success(let parsed): joined = parsed
        case .failure(let problem): Output.fail(problem.message)
        }
        try await EngineSession.run(options, access: .signIn) { engine in
            let snapshot = await engine.snapshot
            if let email = snapshot.email, let server = snapshot.server,
               email.lowercased() != joined.email.lowercased() || !ProfileOptions.sameServer(server, joined.server) {
                throw CLIError("Profile '\(options.profileName)' belongs to \(email) on \(server); join with another --profile.")
            }
            let password = try PasswordReader.read("password for \(joined.email)", fromStandardInput: passwordStdin)
            try await AccountResult.run(on: engine, email: joined.email) {
                try await engine.logIn(server: joined.server, email: joined.email, password: password)
            }
        }
    }
}

/// Confirmations asked on the terminal (never read from a pipe: a script passes --yes).
enum Confirm {
    /// Asks a yes/no question; anything but y/yes stops the command.
    static func ask(_ question: String) throws {
        let answer = try line(question).trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw CLIError("Nothing was changed.") }
    }

    /// One line typed on the terminal after `prompt` (on stderr).
    static func line(_ prompt: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else { throw CLIError("No terminal to ask for confirmation on; pass --yes.") }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine(strippingNewline: true) else { throw CLIError("Nothing was changed.") }
        return line
    }
}

import ArgumentParser
import TandemCore

struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an account on the server and sign this device in.")
    @OptionGroup var options: ProfileOptions
    @Option(help: "The account's email address.") var email: String
    @Flag(help: "Read the password from the first line of standard input instead of prompting.") var passwordStdin = false

    func run() async throws {
        try await EngineSession.run(options, access: .signIn) { engine in
            let password = try PasswordReader.read("password", fromStandardInput: passwordStdin)
            if !passwordStdin {
                guard try PasswordReader.prompt("Repeat the password: ") == password else { throw CLIError("The passwords do not match.") }
            }
            let server = try await options.server(for: engine)
            try await AccountResult.run(on: engine, email: email) { try await engine.register(server: server, email: email, password: password) }
        }
    }
}

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign this device in to an existing account.",
        discussion: "Also how a device continues after the password was changed on another device.")
    @OptionGroup var options: ProfileOptions
    @Option(help: "The account's email address (default: the one this profile used before).") var email: String?
    @Flag(help: "Read the password from the first line of standard input instead of prompting.") var passwordStdin = false

    func run() async throws {
        try await EngineSession.run(options, access: .signIn) { engine in
            let stored = await engine.snapshot.email
            guard let email = email ?? stored else { throw CLIError("Pass --email: this profile has no account yet.") }
            let password = try PasswordReader.read("password", fromStandardInput: passwordStdin)
            let server = try await options.server(for: engine)
            try await AccountResult.run(on: engine, email: email) { try await engine.logIn(server: server, email: email, password: password) }
        }
    }
}

struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "End this device's session on the server and forget the account, keys and token here.",
        discussion: """
        The preferences stay here as local changes. When the server cannot be reached, the device still logs out \
        and says that its token stays valid on the server until it expires or another device revokes it.
        """)
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options) { engine in try await AccountResult.run(on: engine) { try await engine.logOut() } }
    }
}

struct PasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "password", abstract: "Manage the account password.",
                                                    subcommands: [Change.self])

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the password; every other device will ask for the new one.",
            discussion: "Refused while this device has local changes that are not on the server: sync first.")
        @OptionGroup var options: ProfileOptions
        @Flag(help: "Read the old password from the first line of standard input and the new one from the second.")
        var passwordStdin = false

        func run() async throws {
            try await EngineSession.run(options) { engine in
                let old = try PasswordReader.read("current password", fromStandardInput: passwordStdin)
                let new = try PasswordReader.read("new password", fromStandardInput: passwordStdin)
                if !passwordStdin {
                    guard try PasswordReader.prompt("Repeat the new password: ") == new else { throw CLIError("The new passwords do not match.") }
                }
                try await AccountResult.run(on: engine) { try await engine.changePassword(old: old, new: new) }
            }
        }
    }
}

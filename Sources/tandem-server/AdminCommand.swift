import ArgumentParser
import Foundation
import TandemServer
import TandemServerCore
import TandemWire

/// `tandem-server admin`: the operator's commands on a server's database, safe while servers use it.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Look after accounts in the server's database (safe while servers are running).",
        discussion: """
        The database is the one the server uses: --database, else DATABASE_URL, else sqlite:tandem-server.sqlite.
        Nothing secret is ever shown (no password hash, salt seed, token or wallet).
        """,
        subcommands: [AdminAccountsCommand.self, AdminDevicesCommand.self])
}

/// `tandem-server admin accounts list|delete|verify`.
struct AdminAccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "List, delete or verify accounts.",
        subcommands: [List.self, Delete.self, Verify.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List accounts: email, verified, created, devices, last seen, wallet sequence.")

        @OptionGroup var database: AdminDatabaseOptions
        @Option(help: "Only accounts whose email contains this text (case-insensitive).") var filter: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws { try await AdminFailure.reported(work) }

        private func work() async throws {
            let filter = filter
            let summaries = try await database.withStore { store in
                try await store.accountSummaries(matching: filter, now: Date())
            }
            print(json ? AdminOutput.json(summaries) : AdminOutput.table(summaries), terminator: "")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an account with its wallet, devices and pending verification; its email can sign up again.",
            discussion: """
            Running servers refuse the account's tokens at once and close its websockets (code 4003) within a \
            second or two: on PostgreSQL through their event relay, on SQLite by polling the database's event table.
            """)

        @OptionGroup var database: AdminDatabaseOptions
        @Argument(help: "The account's email (any case).") var email: String

        func run() async throws { try await AdminFailure.reported(work) }

        private func work() async throws {
            let email = email
            let deleted = try await database.withStore { store in try await Self.delete(email: email, from: store) }
            guard let deleted else { throw AdminFailure.noSuchAccount(email) }
            print("deleted \(deleted.email) (account \(deleted.id))")
        }

        /// Deletes the account as it is now; a password change racing the deletion only means reading it again.
        static func delete(email: String, from store: any AccountAdministration) async throws -> AccountRecord? {
            for _ in 0..<5 {
                guard let account = try await store.account(emailKey: FieldValidation.emailKey(email)) else { return nil }
                if try await store.deleteAccountAnnouncing(account.id, generation: account.generation) == .deleted {
                    return account
                }
            }
            throw AdminFailure.busy(email)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark an account verified (EmailVerify mode) without its link; the link stops working.")

        @OptionGroup var database: AdminDatabaseOptions
        @Argument(help: "The account's email (any case).") var email: String

        func run() async throws { try await AdminFailure.reported(work) }

        private func work() async throws {
            let email = email
            let message = try await database.withStore { store -> String? in
                guard let account = try await store.account(emailKey: FieldValidation.emailKey(email)) else { return nil }
                if account.verified { return "\(account.email) was already verified" }
                guard try await store.markVerified(account.id) else { return nil }
                return "verified \(account.email)"
            }
            guard let message else { throw AdminFailure.noSuchAccount(email) }
            print(message)
        }
    }
}

/// `tandem-server admin devices EMAIL`.
struct AdminDevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices", abstract: "List an account's devices: device id, first log-in, last seen.")

    @OptionGroup var database: AdminDatabaseOptions
    @Argument(help: "The account's email (any case).") var email: String
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws { try await AdminFailure.reported(work) }

    private func work() async throws {
        let email = email
        let devices = try await database.withStore { store -> [DeviceRecord]? in
            guard let account = try await store.account(emailKey: FieldValidation.emailKey(email)) else { return nil }
            return try await store.devices(of: account.id, now: Date())
        }
        guard let devices else { throw AdminFailure.noSuchAccount(email) }
        print(json ? AdminOutput.json(devices) : AdminOutput.table(devices), terminator: "")
    }
}

import Foundation
import Testing

/// `tandem devices`, `account delete`, `invite` and `join` as a user runs them against a server process.
@Suite(.serialized) struct CLIDevicesTests {
    @Test func inviteJoinListRenameAndRevoke() async throws {
        let directory = try TemporaryDirectory.make("cli-devices")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        #expect(try await cli.run(["register", "--email", "joe+x@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)

        let invite = try await cli.run(["invite"], profile: "laptop")
        let link = invite.output.trimmingCharacters(in: .newlines)
        #expect(link.hasPrefix("tandem://join?server=http%3A%2F%2F127.0.0.1%3A") && link.hasSuffix("&email=joe%2Bx%40example.com"), "\(link)")
        #expect(!link.contains("pw"))
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = directory.path
        environment["TANDEM_INSECURE_KDF_LOG2N"] = "10"
        let env = environment
        let joined = try await onOwnThread {
            try CLIProcess.execute(["join", link, "--password-stdin", "--profile", "phone"], environment: env, input: "pw\n")
        }
        #expect(joined.status == 0, "\(joined.errors)")
        let bad = try await onOwnThread { try CLIProcess.execute(["join", "tandem://join?email=a@b", "--profile", "x"], environment: env) }
        #expect(bad.status == 1 && bad.errors == "tandem: The join link names no server.\n")

        let listed = try await cli.run(["devices", "list", "--json"], profile: "laptop")
        #expect(listed.status == 0, "\(listed.errors)")
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(devices.count == 2)
        #expect(devices.map { $0["current"] as? Bool } == [true, false])
        let phoneID = try #require(devices.last?["id"] as? String)

        #expect(try await cli.run(["devices", "rename", phoneID, "phone"], profile: "laptop").status == 0)
        let seen = try await cli.run(["devices", "list"], profile: "phone")
        #expect(seen.output.hasPrefix("* phone  (\(phoneID))  last seen "), "\(seen.output)")
        #expect(seen.output.contains("(this device)"))

        _ = try await cli.run(["prefs", "set", "kept", "yes"], profile: "phone")
        let unasked = try await cli.run(["devices", "revoke", phoneID], profile: "laptop")
        #expect(unasked.status == 1 && unasked.errors == "tandem: No terminal to ask for confirmation on; pass --yes.\n")
        let revoked = try await cli.run(["devices", "revoke", phoneID, "--yes"], profile: "laptop")
        #expect(revoked.status == 0 && revoked.output == "Revoked device \(phoneID).\n", "\(revoked.errors)")
        let again = try await cli.run(["devices", "revoke", phoneID, "--yes"], profile: "laptop")
        #expect(again.status == 1 && again.errors == "tandem: The account has no such device.\n")

        let sync = try await cli.run(["sync"], profile: "phone")
        #expect(sync.status == 1)
        #expect(sync.errors.hasPrefix("tandem: This device was removed from the account"), "\(sync.errors)")
        #expect(try await cli.run(["prefs", "get", "kept"], profile: "phone").output == "yes\n")
    }

    @Test func accountDeleteAsksForThePasswordAndTheEmail() async throws {
        let directory = try TemporaryDirectory.make("cli-account-delete")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        #expect(try await cli.run(["register", "--email", "ann@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        #expect(try await cli.run(["login", "--email", "ann@example.com", "--password-stdin"], profile: "desk", input: "pw\n").status == 0)
        _ = try await cli.run(["prefs", "set", "animal", "horse"], profile: "laptop")
        #expect(try await cli.run(["sync"], profile: "laptop").status == 0)
        #expect(try await cli.run(["sync"], profile: "desk").status == 0)

        let mistyped = try await cli.run(["account", "delete", "--password-stdin"], profile: "laptop", input: "pw\nann@example.org\n")
        #expect(mistyped.status == 1 && mistyped.errors == "tandem: The confirmation did not match ann@example.com; nothing was deleted.\n")
        let wrong = try await cli.run(["account", "delete", "--password-stdin"], profile: "laptop", input: "nope\nann@example.com\n")
        #expect(wrong.status == 1 && wrong.errors == "tandem: Wrong password.\n")
        let deleted = try await cli.run(["account", "delete", "--password-stdin"], profile: "laptop", input: "pw\nann@example.com\n")
        #expect(deleted.status == 0, "\(deleted.errors)")
        #expect(deleted.output.hasSuffix("Deleted the account ann@example.com; this device is signed out and keeps its preferences.\n"))
        #expect(try await cli.run(["prefs", "get", "animal"], profile: "laptop").output == "horse\n")

        let desk = try await cli.run(["sync"], profile: "desk")
        #expect(desk.status == 1 && desk.errors == "tandem: The account was deleted; this device is signed out and keeps its preferences.\n")
        #expect(try await cli.run(["prefs", "get", "animal"], profile: "desk").output == "horse\n")
        // The email can sign up again.
        #expect(try await cli.run(["register", "--email", "ann@example.com", "--password-stdin"], profile: "new", input: "pw2\n").status == 0)
    }
}

import Foundation
import HummingbirdTesting
import TandemServer
import TandemServerCore
import Testing

/// `EmailVerify` mode: links by mail, `/verify`, `/verify/resend`.
@Suite struct VerificationAPITests {
    @Test func signupSendsALinkAndLoginWaitsForIt() async throws {
        let harness = ServerHarness(mode: .emailVerify)
        try await harness.test { client async throws in
            let signup = try await Flow.signup(client)
            #expect(signup.status == 201)
            #expect(signup["verified"] as? Bool == false)
            #expect(harness.mailer.sent.count == 1)
            #expect(harness.mailer.sent.first?.to == "joe@example.com")
            let first = try #require(harness.mailer.lastVerifyToken)

            let early = try await client.call(.post, "/api/3/auth/full", json: ["deviceId": "d", "email": "joe@example.com", "password": Flow.password])
            #expect(early.status == 401)
            #expect(early.error == "Unauthorized: Account is not verified")

            #expect(try await client.call(.post, "/api/3/verify/resend", json: ["email": "joe@example.com"]).status == 200)
            let second = try #require(harness.mailer.lastVerifyToken)
            #expect(second != first)
            #expect(try await client.call(.get, "/api/3/verify?verifyToken=\(first)").status == 403, "a resent link replaces the old one")

            let verified = try await client.call(.get, "/api/3/verify?verifyToken=\(second)")
            #expect(verified.status == 200)
            #expect(verified.contentType?.hasPrefix("text/plain") == true)
            _ = try await Flow.login(client)
            #expect(try await client.call(.get, "/api/3/verify?verifyToken=\(second)").status == 403)
            #expect(try await client.call(.post, "/api/3/verify/resend", json: ["email": "joe@example.com"]).status == 400)
        }
    }

    @Test func verifyAndResendRefusals() async throws {
        try await ServerHarness(mode: .emailVerify).test { client async throws in
            #expect(try await client.call(.get, "/api/3/verify").status == 400)
            #expect(try await client.call(.get, "/api/3/verify?verifyToken=nope").status == 403)
            #expect(try await client.call(.post, "/api/3/verify/resend", json: ["email": "ann@example.com"]).status == 401)
            #expect(try await client.call(.post, "/api/3/verify/resend", json: ["email": "not an email"]).status == 400)
        }
        try await ServerHarness(mode: .allowAll).test { client async throws in
            _ = try await Flow.signup(client)
            #expect(try await client.call(.post, "/api/3/verify/resend", json: ["email": "joe@example.com"]).status == 403)
        }
    }

    /// With `--port 0` the link names the port the server picked, not 0.
    @Test func theLinkNamesThePortTheServerPicked() async throws {
        let harness = ServerHarness(mode: .emailVerify)
        try await harness.test(.live) { client async throws in
            #expect(try await Flow.signup(client).status == 201)
            let port = try #require(client.port)
            let body = try #require(harness.mailer.sent.first?.body)
            #expect(body.contains("http://127.0.0.1:\(port)/api/3/verify?verifyToken="), "\(body)")
        }
    }

    @Test func sendmailMailerPipesAnRFC5322MessageToTheProgram() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("mail.txt")
        let program = directory.appendingPathComponent("fake-sendmail")
        try "#!/bin/sh\necho \"$@\" > '\(output.path).args'\ncat > '\(output.path)'\n".write(to: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)

        var harness = ServerHarness(mode: .emailVerify)
        harness.components.mailer = SendmailMailer(path: program.path)
        harness.configuration.publicURL = "https://sync.example.org"
        try await harness.test { client async throws in
            #expect(try await Flow.signup(client, "Zoë@example.com").status == 201)
        }
        let mail = try String(contentsOf: output, encoding: .utf8)
        #expect(try String(contentsOf: directory.appendingPathComponent("mail.txt.args"), encoding: .utf8) == "-t -i\n")
        #expect(mail.contains("To: Zoë@example.com\r\n"))
        #expect(mail.contains("Subject: Verify your Tandem account\r\n"))
        #expect(mail.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(mail.contains("\r\n\r\n"), "headers end with an empty line")
        let token = try #require(mail.split(separator: "verifyToken=").last?.prefix(64))
        #expect(mail.contains("https://sync.example.org/api/3/verify?verifyToken=\(token)"))
    }

    @Test func headerInjectionIsRefused() {
        let message = MailMessage(from: "a@example.com", to: "b@example.com\r\nBcc: c@example.com", subject: "s", body: "b")
        #expect(throws: SendmailMailer.Failure.self) { try SendmailMailer.rfc5322(message, date: Date()) }
    }
}

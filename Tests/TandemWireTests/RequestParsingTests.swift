import TandemWire
import Testing

@Suite struct RequestParsingTests {
    let seed = String(repeating: "0f", count: 32)

    @Test func aValidSignupParses() throws {
        let request = try SignupRequest(body: Array(#"{"email":"Joe@Example.com","password":"12345678","clientSaltSeed":"\#(seed)"}"#.utf8))
        #expect(request == SignupRequest(email: "Joe@Example.com", password: "12345678", clientSaltSeed: seed))
    }

    @Test(arguments: [
        ("joe@example.com", true), ("Joe.Bloggs+tag@sub.example.co.uk", true), ("joe@localhost", true),
        ("Joe <joe@example.com>", false), (" joe@example.com", false), ("joe@example.com ", false), ("joe", false),
        ("@example.com", false), ("joe@", false), ("joe@@example.com", false), ("jo e@example.com", false),
        ("joe@example..com", false), ("joe.@example.com", false), ("joe@example.com\n", false), ("a,b@example.com", false),
        // Unicode scalars, as openapi.yaml's pattern sees them: an `@` or `.` before a combining mark still counts.
        ("joe@\u{301}example.com", true), ("jo\u{3000}e@example.com", false), ("jo\u{85}e@example.com", false),
        ("joe@example.\u{301}", true), ("joe@example\u{301}..com", false),
        (String(repeating: "é", count: 120) + "@" + String(repeating: "x", count: 133), true),
        (String(repeating: "é", count: 120) + "@" + String(repeating: "x", count: 134), false),
    ])
    func bareEmails(_ email: String, _ valid: Bool) {
        #expect(FieldValidation.isBareEmail(email) == valid)
    }

    /// Eight Unicode scalars, as JSON Schema's `minLength` counts, even when they make fewer `Character`s.
    @Test func passwordLengthCountsUnicodeScalars() {
        #expect(FieldValidation.isAcceptablePassword(String(repeating: "e\u{301}", count: 4)))
        #expect(!FieldValidation.isAcceptablePassword("1234567"))
    }

    @Test func saltSeedsAreExactly64HexCharacters() {
        #expect(FieldValidation.isSaltSeed(seed))
        #expect(FieldValidation.isSaltSeed(seed.uppercased()))
        #expect(!FieldValidation.isSaltSeed(String(seed.dropLast())))
        #expect(!FieldValidation.isSaltSeed(String(seed.dropLast()) + "g"))
    }

    @Test(arguments: [("1", UInt32(1)), ("4294967295", UInt32.max)])
    func sequencesInRangeParse(_ literal: String, _ expected: UInt32) throws {
        let request = try WalletUploadRequest(body: Array(#"{"token":"t","encryptedWallet":"w","sequence":\#(literal),"hmac":"h"}"#.utf8))
        #expect(request.sequence == expected)
    }

    @Test(arguments: ["0", "-1", "1.0", "1e2", "\"1\"", "4294967296", "99999999999999999999", "null"])
    func otherSequencesAreRefused(_ literal: String) {
        #expect(throws: RequestProblem.self) {
            try WalletUploadRequest(body: Array(#"{"token":"t","encryptedWallet":"w","sequence":\#(literal),"hmac":"h"}"#.utf8))
        }
    }

    @Test func passwordChangeWalletFieldsAreAllOrNone() throws {
        let base = #""email":"a@b.c","oldPassword":"old-pass-1","newPassword":"new-pass-1","clientSaltSeed":"\#(seed)""#
        #expect(try PasswordChangeRequest(body: Array("{\(base)}".utf8)).wallet == nil)
        let full = try PasswordChangeRequest(body: Array(#"{\#(base),"encryptedWallet":"w","sequence":2,"hmac":"h"}"#.utf8))
        #expect(full.wallet == WalletPayload(encryptedWallet: "w", sequence: 2, hmac: "h"))
        #expect(throws: RequestProblem.self) { try PasswordChangeRequest(body: Array(#"{\#(base),"sequence":2}"#.utf8)) }
    }

    @Test func unknownFieldsAreNamed() {
        #expect(throws: RequestProblem("Unknown field 'extra'")) {
            try ResendVerificationRequest(body: Array(#"{"email":"a@b.c","extra":1}"#.utf8))
        }
    }
}

@Suite struct WireCodecTests {
    @Test func walletUpdateNotices() {
        #expect(WalletUpdateNotice(sequence: 42).text == "wallet-update:42")
        #expect(WalletUpdateNotice(text: "wallet-update:42") == WalletUpdateNotice(sequence: 42))
        for bad in ["wallet-update:", "wallet-update:-1", "wallet-update:4294967296", "wallet-update: 1", "update:1"] {
            #expect(WalletUpdateNotice(text: bad) == nil, "\(bad)")
        }
    }

    @Test func emailQueryIsStandardPaddedBase64() throws {
        #expect(EmailQuery.encode("joe@example.com") == "am9lQGV4YW1wbGUuY29t")
        #expect(try EmailQuery.decode("am9lQGV4YW1wbGUuY29t\n") == "joe@example.com")
        #expect(try EmailQuery.decode(EmailQuery.encode("a+b@example.co")) == "a+b@example.co")
        #expect(throws: RequestProblem.self) { try EmailQuery.decode("am9lQGV4YW1wbGUuY28") }
    }
}

import Foundation
import Testing
@testable import TandemCrypto

@Suite("ServerPasswordHash")
struct ServerPasswordHashTests {
    static let cost = ServerPasswordHash.Cost.reducedForTesting(log2N: 10)

    @Test("make writes a PHC string that verifies the right password only")
    func makeAndVerify() throws {
        let encoded = try ServerPasswordHash.make(password: "ncFqYj++Ue1/cilZuGQV/Fn1tePrSjLgYSVSs6zXnnw=", cost: Self.cost)
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields.prefix(3) == ["", "scrypt", "ln=10,r=8,p=1"])
        #expect(fields[3].count == 22)  // 16 bytes, unpadded base64
        #expect(fields[4].count == 43)  // 32 bytes, unpadded base64
        #expect(try ServerPasswordHash.verify(password: "ncFqYj++Ue1/cilZuGQV/Fn1tePrSjLgYSVSs6zXnnw=", against: encoded))
        #expect(try !ServerPasswordHash.verify(password: "ncFqYj++Ue1/cilZuGQV/Fn1tePrSjLgYSVSs6zXnnw", against: encoded))
        #expect(try !ServerPasswordHash.verify(password: "", against: encoded))
    }

    @Test("every hash has its own salt")
    func freshSalt() throws {
        let first = try ServerPasswordHash.make(password: "password", cost: Self.cost)
        let second = try ServerPasswordHash.make(password: "password", cost: Self.cost)
        #expect(first != second)
    }

    @Test("verify reads the cost from the string and matches Python")
    func golden() throws {
        // python3 -c 'import hashlib, base64; k = hashlib.scrypt(b"password", salt=bytes(range(16)), n=2**11, r=8,
        //     p=1, dklen=32); print(base64.b64encode(bytes(range(16))).decode(), base64.b64encode(k).decode())'
        let encoded = "$scrypt$ln=11,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$" + Self.goldenKey
        #expect(try ServerPasswordHash.verify(password: "password", against: encoded))
        #expect(try !ServerPasswordHash.verify(password: "Password", against: encoded))
    }

    static let goldenKey = "rInOeyEkwmztW4BxZt1SjRNJMwBTGsLt0Bk94ub8Ae4"

    @Test("the standard cost is the protocol's N = 2^15, r = 8, p = 1")
    func standardCost() {
        #expect(ServerPasswordHash.Cost.standard == ServerPasswordHash.Cost(log2N: 15, r: 8, p: 1))
    }

    @Test("a well-formed hash of another password is just a mismatch")
    func wellFormedBaseline() throws {
        // The malformed cases below each break one part of this string.
        let encoded = "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8"
        #expect(try !ServerPasswordHash.verify(password: "password", against: encoded))
    }

    @Test("malformed strings throw", arguments: [
        "",
        "password",
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw",  // no key
        "$bcrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$r=8,ln=10,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$ln=010,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$ln=10,r=8$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$ln=40,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",  // 2^40 · 1 KiB
        "$scrypt$ln=10,r=8,p=0$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",  // padded
        "$scrypt$ln=10,r=8,p=1$AAEC!wQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",
        "$scrypt$ln=10,r=8,p=1$AAEC$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8",  // 3-byte salt
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAw",  // 4-byte key
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8$",
    ])
    func malformed(_ encoded: String) {
        #expect(throws: CryptoFailure.malformedPasswordHash) {
            try ServerPasswordHash.verify(password: "password", against: encoded)
        }
    }
}

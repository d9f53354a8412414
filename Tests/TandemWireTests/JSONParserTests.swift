import TandemWire
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueKeepingNumberLiterals() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, 1.0, -2e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00"} "#.utf8))
        #expect(value == .object([
            ("a", .array([.number("1"), .number("1.0"), .number("-2e3"), .bool(true), .bool(false), .null])),
            ("b", .string("x\"\\/\né😀")),
        ]))
    }

    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "01", "1.", "-", "1e", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "{\"a\":1}{}", "tru", "nul", "[1 2]", "{\"a\" 1}", "{\"a\":1,\"a\":2}", "\"unterminated",
    ])
    func refusesInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func boundsNestingSoTheStackCannotOverflow() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }
}

import Foundation
import Testing
import TandemCore

@Suite("Wallet document")
struct WalletDocumentTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("the protocol's example decodes and encodes to sorted, compact JSON")
    func example() throws {
        let document = try WalletDocument.decode(Self.bytes(#"{"version": 1, "preferences": {"car": "Audi", "animal": "horse"}}"#))
        #expect(document.version == 1)
        #expect(document.preferences == ["animal": "horse", "car": "Audi"])
        #expect(document.unknownFields.isEmpty)
        #expect(Self.text(document.encoded()) == #"{"preferences":{"animal":"horse","car":"Audi"},"version":1}"#)
    }

    @Test("a new document encodes as version 1 with no preferences")
    func empty() throws {
        #expect(Self.text(WalletDocument().encoded()) == #"{"preferences":{},"version":1}"#)
        #expect(try WalletDocument.decode(WalletDocument().encoded()) == WalletDocument())
    }

    @Test("unknown top-level fields survive decode and encode")
    func unknownFields() throws {
        let input = #"{"zeta": "z", "theme":{"a":[1,2]}, "version": 1, "future" : true, "n": 1.50e+3, "#
            + #""preferences": {"k": "v"}, "spaced": [ 1 , {"x" : null} ], "": "empty name"}"#
        var document = try WalletDocument.decode(Self.bytes(input))
        #expect(document.preferences == ["k": "v"])
        #expect(document.unknownFields.mapValues(\.jsonText) == [
            "zeta": #""z""#, "theme": #"{"a":[1,2]}"#, "future": "true", "n": "1.50e+3",
            "spaced": #"[1,{"x":null}]"#, "": #""empty name""#,
        ])
        document.preferences["added"] = "yes"
        let output = Self.text(document.encoded())
        #expect(output == #"{"":"empty name","future":true,"n":1.50e+3,"preferences":{"added":"yes","k":"v"},"#
            + #""spaced":[1,{"x":null}],"theme":{"a":[1,2]},"version":1,"zeta":"z"}"#)
        // Encoding is stable: decoding the output and encoding again gives the same bytes.
        #expect(try WalletDocument.decode(document.encoded()).encoded() == document.encoded())
    }

    @Test("unknown fields nested 60 levels deep are accepted")
    func deepNesting() throws {
        let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let document = try WalletDocument.decode(Self.bytes(#"{"version":1,"preferences":{},"deep":"# + nested + "}"))
        #expect(document.unknownFields["deep"]?.jsonText == nested)
    }

    @Test("keys that differ only by normal form are two members, each kept byte for byte")
    func normalForms() throws {
        let text = "{\"preferences\":{\"A\u{30A}\":\"\u{C5}\",\"\u{C5}\":\"A\u{30A}\"},\"version\":1}"
        let document = try WalletDocument.decode(Self.bytes(text))
        #expect(document.preferences.count == 2)
        #expect(document.preferences[ExactText("\u{C5}")]?.utf8 == Array("A\u{30A}".utf8))
        #expect(document.encoded() == Self.bytes(text))
    }

    static let trickyStrings: [String] = [
        "", "%", "100%25", "%00", #""quoted""#, #"back\slash"#, #"\"#, #"\u0041"#, "/slash", "emoji 🐎👩‍👩‍👧",
        "e\u{301}", "\u{E9}", "a\u{308}\u{301}", "line\nbreak\r\ttab", "\u{0}nul", "\u{1F}\u{7F}", "\u{8}\u{C}",
        "日本語", "\u{2028}\u{2029}", "\u{FEFF}bom", "trailing space ", " ", "{\"json\": [1]}",
    ]

    @Test("tricky values and keys round trip exactly, scalar for scalar", arguments: trickyStrings)
    func trickyRoundTrip(_ value: String) throws {
        var preferences: Preferences = ["value": ExactText(value)]
        if !value.isEmpty { preferences[ExactText(value)] = "key" }
        let encoded = WalletDocument(preferences: preferences).encoded()
        let decoded = try WalletDocument.decode(encoded)
        #expect(decoded.preferences == preferences)
        // String equality is canonical equivalence; the bytes must be identical too.
        #expect(decoded.preferences["value"]?.utf8 == Array(value.utf8))
        #expect(decoded.encoded() == encoded)

        // Foundation's parser reads our output the same way, except that it drops a leading
        // U+FEFF from a string (a Foundation quirk; our decoder keeps it, as the checks above show).
        guard !value.hasPrefix("\u{FEFF}") else { return }
        let object = try JSONSerialization.jsonObject(with: Data(encoded)) as? [String: Any]
        let foundationPreferences = object?["preferences"] as? [String: String]
        #expect(foundationPreferences?["value"].map { Array($0.utf8) } == Array(value.utf8))
    }

    @Test("escapes in the input decode to the right text", arguments: [
        (#""\u00e9""#, "\u{E9}"),
        (#""\ud83d\udc0e""#, "🐎"),
        (#""\/\"\\\b\f\n\r\t""#, "/\"\\\u{8}\u{C}\n\r\t"),
        (#""e\u0301""#, "e\u{301}"),
        (#""raw 🐎 é""#, "raw 🐎 é"),
        (#""\u0000""#, "\u{0}"),
    ])
    func escapes(literal: String, expected: String) throws {
        let document = try WalletDocument.decode(Self.bytes(#"{"version":1,"preferences":{"k":"# + literal + "}}"))
        #expect(document.preferences["k"].map { Array($0.string.unicodeScalars) } == Array(expected.unicodeScalars))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        /// nil means any `.malformedJSON`.
        let error: WalletDocumentError?
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ error: WalletDocumentError?) {
            self.init(name, Array(input.utf8), error)
        }

        init(_ name: String, _ input: [UInt8], _ error: WalletDocumentError?) {
            self.name = name
            self.input = input
            self.error = error
        }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase("array", "[]", .notAnObject),
        ErrorCase("null", " null ", .notAnObject),
        ErrorCase("number", "3", .notAnObject),
        ErrorCase("string", #""{}""#, .notAnObject),
        ErrorCase("version as string", #"{"version":"1","preferences":{}}"#, .versionNotAnInteger(#""1""#)),
        ErrorCase("version as float", #"{"version":1.0,"preferences":{}}"#, .versionNotAnInteger("1.0")),
        ErrorCase("version with exponent", #"{"version":1e0,"preferences":{}}"#, .versionNotAnInteger("1e0")),
        ErrorCase("version null", #"{"version":null,"preferences":{}}"#, .versionNotAnInteger("null")),
        ErrorCase("version too large for Int", #"{"version":99999999999999999999,"preferences":{}}"#,
                  .versionNotAnInteger("99999999999999999999")),
        ErrorCase("newer version", #"{"version":2,"preferences":{}}"#, .unsupportedVersion(2)),
        ErrorCase("newer version with another shape", #"{"version":7,"preferences":[1]}"#, .unsupportedVersion(7)),
        ErrorCase("version zero", #"{"version":0,"preferences":{}}"#, .unsupportedVersion(0)),
        ErrorCase("negative version", #"{"version":-1,"preferences":{}}"#, .unsupportedVersion(-1)),
        ErrorCase("missing version", #"{"preferences":{}}"#, .missingVersion),
        ErrorCase("missing preferences", #"{"version":1}"#, .missingPreferences),
        ErrorCase("preferences is an array", #"{"version":1,"preferences":[]}"#, .preferencesNotAnObject),
        ErrorCase("preferences is null", #"{"version":1,"preferences":null}"#, .preferencesNotAnObject),
        ErrorCase("number value", #"{"version":1,"preferences":{"a":"x","b":1}}"#, .preferenceNotAString(key: "b")),
        ErrorCase("null value", #"{"version":1,"preferences":{"a":null}}"#, .preferenceNotAString(key: "a")),
        ErrorCase("object value", #"{"version":1,"preferences":{"a":{}}}"#, .preferenceNotAString(key: "a")),
        ErrorCase("empty key", #"{"version":1,"preferences":{"":"x"}}"#, .emptyPreferenceKey),
        ErrorCase("duplicate preference", #"{"version":1,"preferences":{"a":"x","a":"y"}}"#, nil),
        ErrorCase("duplicate field", #"{"version":1,"version":1,"preferences":{}}"#, nil),
        ErrorCase("empty input", "", nil),
        ErrorCase("whitespace only", "  \n", nil),
        ErrorCase("unterminated object", #"{"version":1,"preferences":{}"#, nil),
        ErrorCase("trailing comma", #"{"version":1,"preferences":{},}"#, nil),
        ErrorCase("text after the object", #"{"version":1,"preferences":{}} x"#, nil),
        ErrorCase("single quotes", "{'version':1}", nil),
        ErrorCase("unquoted key", "{version:1}", nil),
        ErrorCase("leading zero", #"{"version":01,"preferences":{}}"#, nil),
        ErrorCase("bare minus", #"{"version":-,"preferences":{}}"#, nil),
        ErrorCase("raw newline in a string", "{\"version\":1,\"preferences\":{\"a\":\"x\ny\"}}", nil),
        ErrorCase("bad escape", #"{"version":1,"preferences":{"a":"\x"}}"#, nil),
        ErrorCase("lone high surrogate", #"{"version":1,"preferences":{"a":"\ud83d"}}"#, nil),
        ErrorCase("lone low surrogate", #"{"version":1,"preferences":{"a":"\udc0e"}}"#, nil),
        ErrorCase("syntax error after a shape error", #"{"version":"x","preferences":{]}"#, nil),
        ErrorCase("invalid UTF-8", [UInt8](#"{"version":1,"preferences":{"a":""#.utf8) + [0xC3, 0x28] + [UInt8](#""}}"#.utf8), nil),
        ErrorCase("nested too deeply", #"{"version":1,"preferences":{},"x":"# + String(repeating: "[", count: 100_000), nil),
    ]

    @Test("each invalid document fails with its error", arguments: errorCases)
    func errors(_ row: ErrorCase) {
        do {
            let document = try WalletDocument.decode(row.input)
            Issue.record("decoded \(document)")
        } catch {
            if let expected = row.error {
                #expect(error == expected)
            } else if case .malformedJSON = error {
                // Expected; the detail is for people.
            } else {
                Issue.record("expected malformedJSON, got \(error)")
            }
            #expect(error.description.hasPrefix("The wallet") || error.description.hasPrefix("The preference"))
            #expect(error.description.hasSuffix("."))
        }
    }

    @Test("error messages name what is wrong")
    func messages() {
        #expect(WalletDocumentError.unsupportedVersion(2).description
            == "The wallet has version 2, but this client only understands version 1; a newer client wrote it.")
        #expect(WalletDocumentError.preferenceNotAString(key: "car").description
            == #"The preference "car" must have a string value."#)
        #expect(WalletDocumentError.versionNotAnInteger(#""1""#).description
            == #"The wallet's "version" must be a whole number, but it is "1"."#)
    }
}

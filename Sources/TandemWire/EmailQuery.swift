import Foundation

/// The `email` query parameter of `GET /client-salt-seed`: standard base64 with padding of the address.
public enum EmailQuery {
    /// Encodes an address the way the LBRY clients do (standard alphabet, padded).
    public static func encode(_ email: String) -> String { Data(email.utf8).base64EncodedString() }

    /// Decodes the parameter; line breaks are ignored (the LBRY test client sends a trailing newline), URL-safe or
    /// unpadded base64 is refused. A space stands for a `+` that a client forgot to percent-encode.
    public static func decode(_ parameter: String) throws(RequestProblem) -> String {
        let cleaned = String(parameter.unicodeScalars.compactMap { scalar -> Character? in
            switch scalar {
            case "\n", "\r": nil
            case " ": "+"
            default: Character(scalar)
            }
        })
        guard !cleaned.isEmpty else { throw RequestProblem("Missing 'email' parameter") }
        guard let data = Data(base64Encoded: cleaned), let email = String(data: data, encoding: .utf8) else {
            throw RequestProblem("Invalid 'email' parameter: expected standard base64 with padding")
        }
        try FieldValidation.checkEmail(email)
        return email
    }
}

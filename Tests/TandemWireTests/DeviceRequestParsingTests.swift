import TandemWire
import Testing

/// The strict parsing of the device and account-deletion requests (a Tandem extension).
@Suite struct DeviceRequestParsingTests {
    @Test func validRequestsParse() throws {
        #expect(try DeviceRevocationRequest(body: Array(#"{"token":"t","deviceId":"d\u00e9"}"#.utf8))
                == DeviceRevocationRequest(token: "t", deviceId: "dé"))
        #expect(try LogoutRequest(body: Array(#"{"token":"t"}"#.utf8)) == LogoutRequest(token: "t"))
        #expect(try AccountDeletionRequest(body: Array(#"{"email":"joe@example.com","password":"12345678"}"#.utf8))
                == AccountDeletionRequest(email: "joe@example.com", password: "12345678"))
    }

    @Test(arguments: [
        #"{"token":"t","deviceId":"d","x":1}"#, #"{"token":"t"}"#, #"{"token":"","deviceId":"d"}"#,
        #"{"token":"t","deviceId":""}"#, #"{"token":1,"deviceId":"d"}"#, "[]", "",
    ])
    func badRevocationsAreRefused(_ body: String) {
        #expect(throws: RequestProblem.self) { try DeviceRevocationRequest(body: Array(body.utf8)) }
    }

    @Test(arguments: [
        #"{"email":"joe@example.com"}"#, #"{"email":"joe","password":"12345678"}"#,
        #"{"email":"joe@example.com","password":"1234567"}"#, #"{"email":"joe@example.com","password":"12345678","token":"t"}"#,
    ])
    func badDeletionsAreRefused(_ body: String) {
        #expect(throws: RequestProblem.self) { try AccountDeletionRequest(body: Array(body.utf8)) }
    }
}

import TandemServerCore
@testable import TandemStorePostgres
import Testing

/// The NOTIFY payloads of the relay: `id:kind:account:value`, and `:deviceKey` after a revoked device's.
@Suite struct AccountEventRecordTests {
    @Test(arguments: [
        ("1:wallet:7:3", AccountEvent.walletUpdated(7, sequence: 3)),
        ("2:password:7:2", .passwordChanged(7)),
        ("3:device:7:0:\(DeviceKey.of("laptop"))", .deviceRevoked(7, deviceKey: DeviceKey.of("laptop"))),
        ("4:deleted:7:1", .accountDeleted(7)),
    ])
    func payloadsDecode(_ payload: String, _ event: AccountEvent) {
        #expect(AccountEventRecord(payload: payload)?.event == event)
    }

    @Test(arguments: ["3:device:7:0", "4:other:7:1", "x", "1:wallet:7", "1:wallet:7:-1", "1:wallet:7:3:4:5"])
    func otherPayloadsAreIgnored(_ payload: String) {
        #expect(AccountEventRecord(payload: payload) == nil)
    }
}

import Foundation
import Synchronization
@testable import TandemServer
@testable import TandemServerCore
import TandemWire
import Testing

/// The fan-out of issue 11: the writer is answered before its write is announced, every committed write is
/// announced exactly once, and each socket hears an account's writes in order without a task of its own.
@Suite struct FanOutTests {
    private final class RecordingPublisher: AccountEventPublisher {
        let events = Mutex<[AccountEvent]>([])
        func publish(_ event: AccountEvent) async { events.withLock { $0.append(event) } }
    }

    @Test func aNoticeIsAnnouncedOnceHoweverOftenItIsAsked() async {
        let publisher = RecordingPublisher()
        let notice = WalletWriteNotice(.walletUpdated(7, sequence: 3), to: publisher)
        await notice.announce()
        await notice.announce()
        #expect(publisher.events.withLock { $0 } == [.walletUpdated(7, sequence: 3)])
    }

    @Test func aNoticeDroppedUnannouncedIsStillAnnounced() async throws {
        // The writer's connection can go away before its answer is written; the commit must still reach the sockets.
        let publisher = RecordingPublisher()
        do { _ = WalletWriteNotice(.walletUpdated(7, sequence: 4), to: publisher) }
        for _ in 0..<200 where publisher.events.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(publisher.events.withLock { $0 } == [.walletUpdated(7, sequence: 4)])
    }

    @Test func theWalletAnswerIsWhatTheEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let plain = WalletPayload(encryptedWallet: "tandem1:AAEC/+==", sequence: 4_000_000_000, hmac: String(repeating: "f", count: 64))
        #expect(plain.answerJSON == Array(try encoder.encode(plain)))
        // Odd text (which clients never send) still comes back as the same strings.
        let odd = WalletPayload(encryptedWallet: "a\"b\\c\n\t\u{1}é/", sequence: 1, hmac: "\u{7f}x")
        let decoded = try JSONDecoder().decode(WalletPayload.self, from: Data(odd.answerJSON))
        #expect(decoded == odd)
    }

    @Test func aSocketHearsEveryWriteInOrder() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let phone = try await Flow.login(client, device: "phone")
            let writes = 30
            var first = SocketProbe.connect(port: port, token: laptop, stopAfter: writes)
            var second = SocketProbe.connect(port: port, token: phone, stopAfter: writes)
            #expect(await first.next() == .opened)
            #expect(await second.next() == .opened)
            for sequence in 1...writes {
                let response = try await Flow.postWallet(client, token: sequence.isMultiple(of: 2) ? laptop : phone, sequence: sequence)
                #expect(response.status == 200)
            }
            for sequence in 1...writes {
                #expect(await first.next() == .text("wallet-update:\(sequence)"))
                #expect(await second.next() == .text("wallet-update:\(sequence)"))
            }
            _ = try await first.closed.value
            _ = try await second.closed.value
        }
    }
}

import Foundation
import Synchronization
import TandemClient
import TandemCore
import Testing

/// The engine's side of live notices and auto-sync, with a feed the test drives.
@Suite struct SyncEngineFeedTests {
    @Test func editsMadeOfflineArePushedAsSoonAsTheFeedConnects() async throws {
        try await EngineHarness.run { harness in
            let feed = ScriptedFeed()
            let device = try await harness.engine(feed: feed, configure: { $0.autoSyncDelay = .seconds(60) })
            try await harness.signIn(device)
            await device.startWatching()
            try await device.setPreference("offline", to: "edit")
            try await Task.sleep(for: .milliseconds(100))
            #expect(await device.snapshot.localChanges.count == 1, "the debounce is long; nothing pushed yet")
            feed.send(.connected)
            await device.waitUntil("the offline edit is pushed", seconds: 5) { $0.syncedSequence == 1 && $0.localChanges.isEmpty }
            await device.stopWatching()
        }
    }

    @Test func aNoticeOfANewerSequencePullsAndWithAutoSyncOffNothingIsPushed() async throws {
        try await EngineHarness.run { harness in
            let feed = ScriptedFeed()
            let device = try await harness.engine(feed: feed), other = try await harness.engine()
            try await harness.signIn(device, other)
            try await device.setAutoSync(false)
            await device.startWatching()
            try await device.setPreference("mine", to: "1")
            try await other.setPreference("theirs", to: "2")
            _ = await other.sync()
            feed.send(.connected)
            feed.send(.walletUpdated(sequence: 1))
            await device.waitUntil("the notice pulled sequence 1", seconds: 5) { $0.syncedSequence == 1 }
            let snapshot = await device.snapshot
            #expect(snapshot.preferences == ["mine": "1", "theirs": "2"])
            #expect(snapshot.localChanges == [LocalChange(key: "mine", kind: .added)], "auto-sync off: the edit waits")
            await device.stopWatching()
        }
    }
}

extension SyncEngineFeedTests {
    @Test func aWatchingEngineListensWithTheTokenAnotherProcessLoggedInWith() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let feed = ScriptedFeed()
            let ui = try await harness.engine(try SQLiteSyncStateStore(path: path), feed: feed)
            try await harness.signIn(ui)
            await ui.startWatching()
            #expect(feed.tokens.withLock { $0.count } == 1)
            let cli = try await harness.engine(try SQLiteSyncStateStore(path: path))
            #expect(try await cli.logIn(server: harness.url, email: harness.email, password: EngineHarness.password).isSuccess)
            let deadline = ContinuousClock.now + .seconds(3)
            while feed.tokens.withLock({ $0.count }) < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let tokens = feed.tokens.withLock { $0 }
            #expect(tokens.count == 2 && tokens[0] != tokens[1], "the feed reopened with the new token")
            _ = try await cli.logOut()
            try await Task.sleep(for: .milliseconds(600))
            #expect(await ui.snapshot.feed == .off, "signed out elsewhere: no feed")
            #expect(await ui.snapshot.phase == .signedOut)
            await ui.stopWatching()
        }
    }
}

/// An `UpdateFeed` whose events the test sends; it remembers the tokens it was opened with.
final class ScriptedFeed: UpdateFeed {
    private let stream: AsyncStream<UpdateFeedEvent>
    private let continuation: AsyncStream<UpdateFeedEvent>.Continuation
    let tokens = Mutex<[String]>([])

    init() { (stream, continuation) = AsyncStream.makeStream(of: UpdateFeedEvent.self) }

    func send(_ event: UpdateFeedEvent) { continuation.yield(event) }

    func events(token: String, since: @escaping @Sendable () async -> UInt32) -> AsyncStream<UpdateFeedEvent> {
        tokens.withLock { $0.append(token) }
        return stream
    }
}

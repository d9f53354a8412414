import Foundation

extension SyncEngine {
    /// Listens for the server's notices and pulls on its own whenever the server is ahead.
    public func startWatching() {
        wantsFeed = true
        startFeed()
    }

    /// Stops listening for notices.
    public func stopWatching() {
        wantsFeed = false
        stopWatching(status: .off)
    }

    func startFeed() {
        guard feedTask == nil, let makeFeed, let server = state.server, let token = state.account?.token else { return }
        let events = makeFeed(server).events(token: token) { [weak self] in await self?.state.base?.sequence ?? 0 }
        feedTask = Task { [weak self] in
            for await event in events {
                guard let self, !Task.isCancelled else { return }
                await self.handle(event)
            }
        }
    }

    func stopWatching(status: FeedStatus) {
        feedTask?.cancel()
        feedTask = nil
        feedStatus = status
        publish()
    }

    private func handle(_ event: UpdateFeedEvent) async {
        switch event {
        case .connecting:
            feedStatus = .connecting
        case .connected:
            feedStatus = .connected
        case .walletUpdated(let sequence):
            lastNotice = (sequence, configuration.now())
            latestRemoteSequence = max(latestRemoteSequence ?? 0, sequence)
            publish()
            if sequence > state.base?.sequence ?? 0 {
                log("The server announced sequence \(sequence); pulling.")
                await pull()
            }
            return
        case let .disconnected(reason, retryAt):
            feedStatus = .reconnecting(at: retryAt, reason: reason)
        case .refused(let retryAt):
            // Only a request tells a dead token from a server in trouble: a pull turns a 401 into .needsPassword.
            feedStatus = .reconnecting(at: retryAt, reason: "the server refused the connection")
            publish()
            await pull()
            return
        case .passwordChanged:
            await run(.tokenRefused)
            return
        }
        publish()
    }
}

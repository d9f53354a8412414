import Foundation

extension SyncEngine {
    /// Listens for the server's notices and pulls on its own whenever the server is ahead; watches the profile for
    /// other processes' changes; with auto-sync on, pushes edits about a second after the last one and as soon as
    /// the server is reachable again. For long-running front ends (the UI, `tandem watch`).
    public func startWatching() {
        wantsFeed = true
        startFeed()
        startPolling()
        scheduleAutoPush()
    }

    /// Stops listening for notices and watching the profile.
    public func stopWatching() {
        wantsFeed = false
        stopFeed(status: .off)
        pollTask?.cancel()
        pollTask = nil
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

    func stopFeed(status: FeedStatus) {
        feedTask?.cancel()
        feedTask = nil
        feedStatus = status
        publish()
    }

    /// Checks the profile's revision on a timer (an async read; no thread waits) and adopts other processes' changes.
    private func startPolling() {
        guard pollTask == nil else { return }
        let interval = configuration.pollInterval
        pollTask = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                await self.pollProfile()
            }
        }
    }

    private func pollProfile() async {
        let before = localChanges
        let token = state.account?.token
        await refresh()
        if localChanges != before { scheduleAutoPush() }
        // Another process logged in, out or again: listen with the profile's token, or not at all.
        if state.account?.token != token {
            stopFeed(status: .off)
            if wantsFeed { startFeed() }
        }
    }

    /// With auto-sync on, pushes about `autoSyncDelay` after the last edit (each edit restarts the wait).
    func scheduleAutoPush() {
        guard wantsFeed, state.autoSync, state.account?.token != nil, hasUnpushedChanges else { return }
        autoPushGeneration += 1
        let generation = autoPushGeneration
        let delay = configuration.autoSyncDelay
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.autoPush(generation: generation)
        }
    }

    private func autoPush(generation: Int) async {
        guard generation == autoPushGeneration, wantsFeed, state.autoSync, hasUnpushedChanges else { return }
        _ = await sync()
    }

    private func handle(_ event: UpdateFeedEvent) async {
        switch event {
        case .connecting:
            feedStatus = .connecting
        case .connected:
            feedStatus = .connected
            publish()
            // Edits made while the server was away go out as soon as it is back.
            if state.autoSync, hasUnpushedChanges { _ = await sync() }
            return
        case .walletUpdated(let sequence):
            lastNotice = (sequence, configuration.now())
            latestRemoteSequence = max(latestRemoteSequence ?? 0, sequence)
            publish()
            guard sequence > state.base?.sequence ?? 0 else { return }
            // During a round this is usually the notice of this device's own upload, arriving before the upload's
            // answer: the pull queued behind the round finds nothing new then, so it is not announced.
            if !machine.phase.isRound { log("The server announced sequence \(sequence); pulling.") }
            _ = await pull()
            return
        case let .disconnected(reason, retryAt):
            feedStatus = .reconnecting(at: retryAt, reason: reason)
        case .refused(let retryAt):
            // Only a request tells a dead token from a server in trouble: a pull turns a 401 into .needsPassword.
            feedStatus = .reconnecting(at: retryAt, reason: "the server refused the connection")
            publish()
            _ = await pull()
            return
        case .passwordChanged:
            _ = await request(.tokenRefused)
            return
        case .deviceRevoked, .accountDeleted:
            feedSignOutHint = event == .deviceRevoked ? .deviceRevoked : .accountDeleted
            _ = await request(.tokenRefused)
            return
        }
        publish()
    }
}

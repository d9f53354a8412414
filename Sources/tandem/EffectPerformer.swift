import TandemCore
import TandemTUI
import TandemTerminal

/// Performs the UI's effects by calling engine intents and reports each outcome back as an action.
///
/// Each device has two lanes. Every effect enters the quick lane in the order the keys were pressed: local intents
/// (edits, conflict choices) run there one after another, and intents that talk to the server or derive keys are
/// handed on to the slow lane when their turn comes. So a sync always includes the edits typed before it, `l` then
/// `r` on one key ends as `r`, and a sync stuck on a slow network never holds up typing.
final class EffectPerformer: Sendable {
    /// The entrance (the quick lane) of each device.
    private let lanes: [AsyncStream<Effect>.Continuation]
    /// The quick lanes' loops: quitting waits for them, so an edit typed just before `q` is still saved.
    private let quickLanes: [Task<Void, Never>]

    init(engines: [SyncEngine], queue: ActionQueue) {
        var lanes: [AsyncStream<Effect>.Continuation] = []
        var quickLanes: [Task<Void, Never>] = []
        for engine in engines {
            let (quick, quickInput) = AsyncStream.makeStream(of: Effect.self)
            let (slow, slowInput) = AsyncStream.makeStream(of: Effect.self)
            lanes.append(quickInput)
            quickLanes.append(Task {
                for await effect in quick {
                    if Self.talksToServer(effect) { slowInput.yield(effect) } else { await Self.run(effect, on: engine, reportingTo: queue) }
                }
                slowInput.finish()
            })
            Task {
                for await effect in slow { await Self.run(effect, on: engine, reportingTo: queue) }
            }
        }
        self.lanes = lanes
        self.quickLanes = quickLanes
    }

    /// Queues `effect` on its device's lanes; returns at once.
    func perform(_ effect: Effect) {
        guard let (_, device) = effect.intent, lanes.indices.contains(device) else { return }
        lanes[device].yield(effect)
    }

    /// Stops taking effects and waits until every local intent already queued (an edit, a conflict choice) is
    /// saved; intents that talk to the server are left to finish in the background.
    func finish() async {
        for lane in lanes { lane.finish() }
        for lane in quickLanes { await lane.value }
    }

    private static func talksToServer(_ effect: Effect) -> Bool {
        switch effect.intent?.0 {
        case .sync, .register, .logIn, .adoptNewPassword, .changePassword, .applyResolutions,
             .devices, .revokeDevice, .renameDevice: true
        default: false
        }
    }

    private static func run(_ effect: Effect, on engine: SyncEngine, reportingTo queue: ActionQueue) async {
        guard let (intent, device) = effect.intent else { return }
        let hints = OutcomeWords.Hints.keys
        var failure: String?
        do {
            switch effect {
            case let .setPreference(key, value, _): try await engine.setPreference(key.string, to: value.string)
            case let .removePreference(key, _): try await engine.removePreference(key.string)
            case .sync: failure = report(await engine.sync(), device: device, to: queue)
            case let .register(server, email, password, _):
                failure = OutcomeWords.failure(try await engine.register(server: server, email: email, password: password), email: email, hints: hints)
            case let .logIn(server, email, password, _):
                failure = OutcomeWords.failure(try await engine.logIn(server: server, email: email, password: password), email: email, hints: hints)
            case let .adoptNewPassword(password, _):
                failure = OutcomeWords.failure(try await engine.adoptNewPassword(password), email: nil, hints: hints)
            case let .changePassword(old, new, _):
                failure = OutcomeWords.failure(try await engine.changePassword(old: old, new: new), email: nil, hints: hints)
            case let .resolve(key, resolution, _): try await engine.resolve(key.string, with: resolution)
            case let .resolveAll(side, _): try await engine.resolveAll(side)
            case .applyResolutions:
                let outcome = try await engine.applyResolutions()
                // Another process may have reopened a key meanwhile; "applied" would not be true then.
                if case .conflictsWaiting(let count) = outcome {
                    failure = "\(count) key\(count == 1 ? " still needs" : "s still need") a choice; nothing was pushed."
                } else {
                    failure = OutcomeWords.failure(outcome, hints: .keys)
                }
            case .logOut: failure = OutcomeWords.failure(try await engine.logOut(), email: nil, hints: hints)
            case let .setAutoSync(on, _): try await engine.setAutoSync(on)
            case let .changeServer(server, _): failure = OutcomeWords.failure(try await engine.changeServer(server), email: nil, hints: hints)
            case .undo, .redo:
                let redo = effect == .redo(device: device)
                if let entry = try await (redo ? engine.redo() : engine.undo()) {
                    queue.send(.notice(JournalWords.undone(entry, redo: redo), level: .success, device: device))
                } else {
                    failure = redo ? "There is no undo to redo." : "There is no change made on this device to undo."
                }
            case let .loadHistory(key, _):
                queue.send(.history(try await engine.history(of: key.string, limit: 500), key: key, device: device))
            case .loadDevices:
                queue.send(.devices(await engine.devices(), device: device))
            case let .revokeDevice(id, _):
                let outcome = try await engine.revokeDevice(id)
                failure = DeviceWords.failure(outcome, hints: hints)
                if failure == nil {
                    queue.send(.notice(outcome == .loggedOut ? "Logged out: this device is revoked; its preferences stay here."
                                       : "Revoked the device.", level: .success, device: device))
                }
                queue.send(.devices(await engine.devices(), device: device))
            case let .renameDevice(id, name, _):
                failure = DeviceWords.failure(try await engine.renameDevice(id, to: name), hints: hints)
                queue.send(.devices(await engine.devices(), device: device))
            case .quit, .copy, .setMouse: break
            }
        } catch {
            failure = OutcomeWords.sentence(error)
        }
        queue.send(.intentFinished(intent, device: device, failure: failure))
    }

    /// A sync's failure sentence; another process syncing the same profile is news, not a failure.
    private static func report(_ outcome: SyncOutcome, device: Int, to queue: ActionQueue) -> String? {
        let words = OutcomeWords.failure(outcome, hints: .keys)
        guard outcome != .anotherProcessIsSyncing else {
            if let words { queue.send(.notice(words, level: .info, device: device)) }
            return nil
        }
        return words
    }
}

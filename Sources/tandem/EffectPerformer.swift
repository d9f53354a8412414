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

    init(engines: [SyncEngine], queue: ActionQueue) {
        var lanes: [AsyncStream<Effect>.Continuation] = []
        for engine in engines {
            let (quick, quickInput) = AsyncStream.makeStream(of: Effect.self)
            let (slow, slowInput) = AsyncStream.makeStream(of: Effect.self)
            lanes.append(quickInput)
            Task {
                for await effect in quick {
                    if Self.talksToServer(effect) { slowInput.yield(effect) } else { await Self.run(effect, on: engine, reportingTo: queue) }
                }
                slowInput.finish()
            }
            Task {
                for await effect in slow { await Self.run(effect, on: engine, reportingTo: queue) }
            }
        }
        self.lanes = lanes
    }

    /// Queues `effect` on its device's lanes; returns at once.
    func perform(_ effect: Effect) {
        guard let (_, device) = effect.intent, lanes.indices.contains(device) else { return }
        lanes[device].yield(effect)
    }

    /// Stops taking effects; intents already running finish in the background.
    func finish() {
        for lane in lanes { lane.finish() }
    }

    private static func talksToServer(_ effect: Effect) -> Bool {
        switch effect.intent?.0 {
        case .sync, .register, .logIn, .adoptNewPassword, .changePassword, .applyResolutions: true
        default: false
        }
    }

    private static func run(_ effect: Effect, on engine: SyncEngine, reportingTo queue: ActionQueue) async {
        guard let (intent, device) = effect.intent else { return }
        var failure: String?
        do {
            switch effect {
            case let .setPreference(key, value, _): try await engine.setPreference(key, to: value)
            case let .removePreference(key, _): try await engine.removePreference(key)
            case .sync: await engine.sync()
            case let .register(server, email, password, _): try await engine.register(server: server, email: email, password: password)
            case let .logIn(server, email, password, _): try await engine.logIn(server: server, email: email, password: password)
            case let .adoptNewPassword(password, _): try await engine.adoptNewPassword(password)
            case let .changePassword(old, new, _): try await engine.changePassword(old: old, new: new)
            case let .resolve(key, resolution, _): try await engine.resolve(key, with: resolution)
            case let .resolveAll(side, _): try await engine.resolveAll(side)
            case .applyResolutions: try await engine.applyResolutions()
            case .logOut: try await engine.logOut()
            case .quit: break
            }
        } catch {
            failure = error.description
        }
        queue.send(.intentFinished(intent, device: device, failure: failure))
    }
}

import TandemCore
import TandemTUI
import TandemTerminal

/// Performs the UI's effects by calling engine intents and reports each outcome back as an action.
///
/// Each device has two lanes, each running its intents in order: quick local ones (edits, conflict choices) and
/// slow ones that talk to the server or derive keys. Order matters within a lane (`l` then `r` on one key must end
/// as `r`), while a sync stuck on a slow network must not hold up typing.
final class EffectPerformer: Sendable {
    private let engines: [SyncEngine]
    private let queue: ActionQueue
    private let lanes: [(quick: AsyncStream<Effect>.Continuation, slow: AsyncStream<Effect>.Continuation)]
    private let workers: [Task<Void, Never>]

    init(engines: [SyncEngine], queue: ActionQueue) {
        self.engines = engines
        self.queue = queue
        var lanes: [(quick: AsyncStream<Effect>.Continuation, slow: AsyncStream<Effect>.Continuation)] = []
        var workers: [Task<Void, Never>] = []
        for engine in engines {
            let (quick, quickInput) = AsyncStream.makeStream(of: Effect.self)
            let (slow, slowInput) = AsyncStream.makeStream(of: Effect.self)
            lanes.append((quickInput, slowInput))
            for lane in [quick, slow] {
                workers.append(Task {
                    for await effect in lane { await Self.run(effect, on: engine, reportingTo: queue) }
                })
            }
        }
        self.lanes = lanes
        self.workers = workers
    }

    /// Queues `effect` on its device's lane; returns at once.
    func perform(_ effect: Effect) {
        guard let (intent, device) = effect.intent, lanes.indices.contains(device) else { return }
        switch intent {
        case .setPreference, .removePreference, .resolve, .resolveAll, .applyResolutions: lanes[device].quick.yield(effect)
        case .sync, .register, .logIn, .adoptNewPassword, .changePassword: lanes[device].slow.yield(effect)
        }
    }

    /// Stops taking effects; intents already running finish in the background.
    func finish() {
        for lane in lanes {
            lane.quick.finish()
            lane.slow.finish()
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
            case .quit: break
            }
        } catch {
            failure = error.description
        }
        queue.send(.intentFinished(intent, device: device, failure: failure))
    }
}

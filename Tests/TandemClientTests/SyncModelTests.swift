import Foundation
import TandemClient
import TandemCore
import Testing

/// Seeded random edits, deletes, syncs, pulls, pushes and resolutions by four engines of one account (two of them
/// share one profile file, as a UI and a CLI do), each step compared with ``SyncModel``. At the end every merge is
/// resolved, all devices converge, and every value anywhere is one somebody wrote.
///
/// `TANDEM_MODEL_SEEDS` (comma-separated seeds, or `random:N`) and `TANDEM_MODEL_STEPS` run it longer;
/// `Scripts/model-test-long` does.
@Suite struct SyncModelTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seeds: [UInt64] = {
        guard let text = environment["TANDEM_MODEL_SEEDS"] else { return [1, 2, 3] }
        if text.hasPrefix("random:"), let count = Int(text.dropFirst(7)) { return (0..<count).map { _ in UInt64.random(in: 1...UInt64.max) } }
        return text.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
    }()
    static let steps = environment["TANDEM_MODEL_STEPS"].flatMap { Int($0) } ?? 120

    /// Few keys, so devices collide, in both normal forms; tricky values.
    static let keys = ["car", "theme", "\u{C5}", "A\u{30A}", "é", "e\u{301}", "k"]
    static let values = ["", "\"quoted\"", "🧑‍🤝‍🧑", "line\nbreak", "\u{C5}", "A\u{30A}", "x", "back\\slash", " "]

    @Test(arguments: seeds)
    func devicesFollowTheModelAndConverge(seed: UInt64) async throws {
        try await EngineHarness.run { harness in
            var run = try await ModelRun(harness: harness, seed: seed)
            for step in 0..<Self.steps {
                try await run.step(step)
            }
            try await run.converge()
        }
    }
}

/// One seeded run: the engines, the model and the values written so far.
struct ModelRun {
    /// Which model profile each engine uses: engines 0 and 1 share a profile file.
    static let profileOf = [0, 0, 1, 2]

    let seed: UInt64
    var random: SplitMix64
    var engines: [SyncEngine] = []
    var model = SyncModel(profiles: 3)
    var written: Set<[UInt8]> = []
    var log: [String] = []

    init(harness: EngineHarness, seed: UInt64) async throws {
        self.seed = seed
        random = SplitMix64(seed: seed)
        let shared = StoreBackend.temporaryPath()
        engines = [
            try await harness.engine(try SQLiteSyncStateStore(path: shared)),
            try await harness.engine(try SQLiteSyncStateStore(path: shared)),
            try await harness.engine(try SQLiteSyncStateStore(path: StoreBackend.temporaryPath())),
            try await harness.engine(),
        ]
        try await harness.signIn(engines[0], engines[2], engines[3])
        // The second engine of the shared profile signed in through the file.
        #expect(await engines[1].sync() == .upToDate(sequence: nil))
    }

    mutating func step(_ step: Int) async throws {
        let device = random.next(below: engines.count)
        let engine = engines[device], profile = Self.profileOf[device]
        let roll = random.next(below: 100)
        var outcome: SyncModel.Outcome?
        var actual: SyncOutcome?
        let pending = model.profiles[profile].pending
        switch roll {
        case ..<35:
            let key = pick(SyncModelTests.keys), value = pick(SyncModelTests.values + ["v\(step)"])
            written.insert(Array(value.utf8))
            log.append("\(device) set \(key.debugDescription) = \(value.debugDescription)")
            try await engine.setPreference(key, to: value)
            model.edit(profile, Array(key.utf8), Array(value.utf8))
        case ..<45:
            let key = pick(SyncModelTests.keys)
            log.append("\(device) remove \(key.debugDescription)")
            try await engine.removePreference(key)
            model.edit(profile, Array(key.utf8), nil)
        case ..<60:
            log.append("\(device) sync")
            actual = await engine.sync()
            outcome = model.sync(profile, push: true)
        case ..<70:
            log.append("\(device) pull")
            actual = await engine.pull()
            outcome = model.sync(profile, push: false)
        case ..<80:
            log.append("\(device) push")
            actual = await engine.push()
            outcome = model.push(profile)
        case ..<92:
            guard let pending, let key = pending.conflicts.isEmpty ? nil : pick(pending.conflicts) else { return }
            let choice: SyncModel.Choice
            switch random.next(below: 3) {
            case 0: choice = .keepLocal
            case 1: choice = .takeRemote
            default:
                let value = pick(SyncModelTests.values)
                written.insert(Array(value.utf8))
                choice = .use(Array(value.utf8))
            }
            log.append("\(device) resolve \(String(decoding: key, as: UTF8.self).debugDescription) \(choice)")
            try await engine.resolve(String(decoding: key, as: UTF8.self), with: Self.resolution(choice))
            model.resolve(profile, key, choice)
        case ..<95:
            guard pending != nil else { return }
            let local = random.next(below: 2) == 0
            log.append("\(device) resolve all \(local ? "local" : "remote")")
            try await engine.resolveAll(local ? .local : .remote)
            model.resolveAll(profile, local: local)
        default:
            guard pending != nil else { return }
            log.append("\(device) apply")
            actual = try await engine.applyResolutions()
            outcome = model.apply(profile)
        }
        if let outcome, let actual { #expect(Self.outcome(actual) == outcome, "\(context)") }
        try await compare(device)
    }

    /// Resolves what waits and syncs every device until all agree with the server.
    mutating func converge() async throws {
        for round in 0..<8 {
            for device in engines.indices {
                let profile = Self.profileOf[device]
                if model.profiles[profile].pending != nil {
                    log.append("\(device) converge: resolve all remote, apply")
                    try await engines[device].resolveAll(.remote)
                    model.resolveAll(profile, local: false)
                    let actual = try await engines[device].applyResolutions()
                    #expect(Self.outcome(actual) == model.apply(profile), "\(context)")
                } else {
                    log.append("\(device) converge: sync")
                    let actual = await engines[device].sync()
                    #expect(Self.outcome(actual) == model.sync(profile, push: true), "\(context)")
                }
                try await compare(device)
            }
            let settled = model.profiles.allSatisfy { $0.pending == nil && !$0.hasLocalChanges && $0.baseSequence == model.serverSequence }
            if settled { break }
            #expect(round < 7, "devices did not converge: \(context)")
        }
        for engine in engines {
            _ = await engine.pull()
            let snapshot = await engine.snapshot
            #expect(Self.map(snapshot.preferences) == model.server, "\(context)")
            #expect(snapshot.syncedSequence.map { $0 } == (model.serverSequence == 0 ? nil : model.serverSequence))
            #expect(snapshot.localChanges.isEmpty && snapshot.pendingMerge.isEmpty)
            for value in snapshot.preferences.values {
                #expect(written.contains(value.utf8), "a value nobody wrote: \(value.debugDescription) \(context)")
            }
        }
    }

    /// The acting engine's snapshot against the model's profile.
    private func compare(_ device: Int) async throws {
        let snapshot = await engines[device].snapshot
        let profile = model.profiles[Self.profileOf[device]]
        #expect(Self.map(snapshot.preferences) == profile.working, "working copy: \(context)")
        #expect(snapshot.syncedSequence == profile.baseSequence, "base: \(context)")
        #expect(Set(snapshot.localChanges.map(\.key.utf8)) == Self.changedKeys(profile), "local changes: \(context)")
        let conflicts = profile.pending?.conflicts ?? []
        #expect(snapshot.pendingMerge.map(\.key.utf8) == conflicts, "conflicts: \(context)")
        for entry in snapshot.pendingMerge {
            #expect(entry.choice.map(Self.choice) == profile.pending?.choices[entry.key.utf8], "choice: \(context)")
        }
        for value in snapshot.preferences.values where !written.contains(value.utf8) {
            Issue.record("a value nobody wrote: \(value.debugDescription) \(context)")
        }
    }

    private var context: String { "seed \(seed), last steps:\n" + log.suffix(12).joined(separator: "\n") }

    private mutating func pick<T>(_ items: [T]) -> T { items[random.next(below: items.count)] }

    static func map(_ preferences: Preferences) -> SyncModel.Map {
        Dictionary(uniqueKeysWithValues: preferences.map { ($0.key.utf8, $0.value.utf8) })
    }

    static func changedKeys(_ profile: SyncModel.Profile) -> Set<[UInt8]> {
        Set(Set(profile.working.keys).union(profile.base.keys).filter { profile.working[$0] != profile.base[$0] })
    }

    static func outcome(_ outcome: SyncOutcome) -> SyncModel.Outcome? {
        switch outcome {
        case .synced(let sequence): .synced(sequence)
        case .upToDate(let sequence): .upToDate(sequence)
        case .nothingToPush: .nothingToPush
        case .conflictsWaiting(let count): .conflictsWaiting(count)
        default: nil
        }
    }

    static func resolution(_ choice: SyncModel.Choice) -> Resolution {
        switch choice {
        case .keepLocal: .keepLocal
        case .takeRemote: .takeRemote
        case .use(let value): .use(ExactText(String(decoding: value, as: UTF8.self)))
        case .edited(let value): .edited(value.map { ExactText(String(decoding: $0, as: UTF8.self)) })
        }
    }

    static func choice(_ resolution: Resolution) -> SyncModel.Choice {
        switch resolution {
        case .keepLocal: .keepLocal
        case .takeRemote: .takeRemote
        case .use(let value): .use(value.utf8)
        case .edited(let value): .edited(value?.utf8)
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing seed replays exactly.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// A reference model of PROTOCOL.md's merge rules and of what each intent does, written independently of TandemCore:
/// keys and values are plain UTF-8 byte arrays, the three-way rule is re-stated key by key, and every step of the
/// randomized test is compared with it.
struct SyncModel {
    typealias Bytes = [UInt8]
    typealias Map = [Bytes: Bytes]

    enum Choice: Equatable {
        case keepLocal, takeRemote
        case use(Bytes)
        case edited(Bytes?)
    }

    enum Outcome: Equatable {
        case synced(UInt32), upToDate(UInt32?), nothingToPush, conflictsWaiting(Int)
    }

    struct Pending {
        var base: Map, local: Map, remote: Map
        var remoteSequence: UInt32
        var choices: [Bytes: Choice] = [:]

        var conflicts: [Bytes] { SyncModel.merge(base: base, local: local, remote: remote).conflicts }
        var undecided: [Bytes] { conflicts.filter { choices[$0] == nil } }
    }

    struct Profile {
        var baseSequence: UInt32?
        var base: Map = [:]
        var working: Map = [:]
        var pending: Pending?

        var hasLocalChanges: Bool { working != base }
    }

    var serverSequence: UInt32 = 0
    var server: Map = [:]
    var profiles: [Profile]

    init(profiles: Int) { self.profiles = Array(repeating: Profile(), count: profiles) }

    /// The rule for each key: L = R takes it, L = B takes R, R = B takes L, otherwise a conflict (absent is a value).
    static func merge(base: Map, local: Map, remote: Map) -> (merged: Map, conflicts: [Bytes]) {
        var merged: Map = [:]
        var conflicts: [Bytes] = []
        for key in Set(base.keys).union(local.keys).union(remote.keys) {
            let b = base[key], l = local[key], r = remote[key]
            let decided: Bytes?? = l == r ? .some(l) : l == b ? .some(r) : r == b ? .some(l) : nil
            guard let decided else { conflicts.append(key); continue }
            if let value = decided { merged[key] = value }
        }
        return (merged, conflicts.sorted { $0.lexicographicallyPrecedes($1) })
    }

    mutating func edit(_ index: Int, _ key: Bytes, _ value: Bytes?) {
        guard profiles[index].working[key] != value else { return }
        profiles[index].working[key] = value
        if var pending = profiles[index].pending, pending.conflicts.contains(key) {
            pending.choices[key] = .edited(value)
            profiles[index].pending = pending
        }
    }

    mutating func sync(_ index: Int, push: Bool) -> Outcome {
        if let pending = profiles[index].pending { return .conflictsWaiting(pending.undecided.count) }
        let pulled = pull(index)
        if case .conflictsWaiting = pulled { return pulled }
        if push, profiles[index].hasLocalChanges { return upload(index) }
        return pulled
    }

    mutating func push(_ index: Int) -> Outcome {
        if let pending = profiles[index].pending { return .conflictsWaiting(pending.undecided.count) }
        guard profiles[index].hasLocalChanges else { return .nothingToPush }
        return upload(index)
    }

    mutating func resolve(_ index: Int, _ key: Bytes, _ choice: Choice) {
        profiles[index].pending?.choices[key] = choice
    }

    mutating func resolveAll(_ index: Int, local: Bool) {
        guard var pending = profiles[index].pending else { return }
        for key in pending.undecided { pending.choices[key] = local ? .keepLocal : .takeRemote }
        profiles[index].pending = pending
    }

    /// The merge's result with the edits made since on top (conflicting keys keep their decision).
    mutating func apply(_ index: Int) -> Outcome {
        guard let pending = profiles[index].pending else { return .nothingToPush }
        guard pending.undecided.isEmpty else { return .conflictsWaiting(pending.undecided.count) }
        let conflicts = pending.conflicts
        var result = Self.merge(base: pending.base, local: pending.local, remote: pending.remote).merged
        for key in conflicts {
            let value: Bytes? = switch pending.choices[key]! {
            case .keepLocal: pending.local[key]
            case .takeRemote: pending.remote[key]
            case .use(let value): value
            case .edited(let value): value
            }
            result[key] = value
        }
        let working = profiles[index].working
        for key in Set(working.keys).union(pending.local.keys) where working[key] != pending.local[key] && !conflicts.contains(key) {
            result[key] = working[key]
        }
        profiles[index] = Profile(baseSequence: pending.remoteSequence, base: pending.remote, working: result, pending: nil)
        return profiles[index].hasLocalChanges ? upload(index) : .synced(pending.remoteSequence)
    }

    private mutating func pull(_ index: Int) -> Outcome {
        guard serverSequence > 0 else {
            profiles[index].baseSequence = nil
            profiles[index].base = [:]
            return .upToDate(nil)
        }
        if profiles[index].baseSequence == serverSequence { return .upToDate(serverSequence) }
        let profile = profiles[index]
        let (merged, conflicts) = Self.merge(base: profile.base, local: profile.working, remote: server)
        guard conflicts.isEmpty else {
            profiles[index].pending = Pending(base: profile.base, local: profile.working, remote: server, remoteSequence: serverSequence)
            return .conflictsWaiting(conflicts.count)
        }
        profiles[index].baseSequence = serverSequence
        profiles[index].base = server
        profiles[index].working = merged
        return .synced(serverSequence)
    }

    /// Compare-and-set upload; a stale one fetches, merges and tries again (one retry suffices: steps run one at a time).
    private mutating func upload(_ index: Int) -> Outcome {
        guard (profiles[index].baseSequence ?? 0) == serverSequence else {
            let pulled = pull(index)
            if case .conflictsWaiting = pulled { return pulled }
            return profiles[index].hasLocalChanges ? upload(index) : pulled
        }
        serverSequence += 1
        server = profiles[index].working
        profiles[index].baseSequence = serverSequence
        profiles[index].base = server
        return .synced(serverSequence)
    }
}

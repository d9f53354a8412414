import Foundation
import Synchronization
import TandemTUI

/// Where engine tasks, signal handlers and the clock hand actions to the UI thread; sending also wakes the UI
/// thread from its wait for keys (through a pipe), so updates appear while the user is idle.
public final class ActionQueue: Sendable {
    private let pending = Mutex<[Action]>([])
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    public init() {
        var descriptors: [Int32] = [-1, -1]
        pipe(&descriptors)
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
        wakeDescriptor = descriptors[0]
        wakeWriter = descriptors[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    /// Queues `action` for the UI thread (callable from any thread or task).
    public func send(_ action: Action) {
        pending.withLock { $0.append(action) }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Everything queued so far, oldest first; of several snapshots of one device only the newest is kept (each
    /// carries the whole state, so the older ones would only cost frames).
    func drain() -> [Action] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &buffer, buffer.count) > 0 {}
        let actions = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        var newest: [Int: Int] = [:]
        for (index, action) in actions.enumerated() {
            if case .snapshot(_, let device) = action { newest[device] = index }
        }
        return actions.enumerated().compactMap { index, action in
            if case .snapshot(_, let device) = action, newest[device] != index { return nil }
            return action
        }
    }
}

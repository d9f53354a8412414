import Foundation
import TandemCore
import TandemTUI
import TandemTerminal

/// Figures for the terminal UI with 10,000 preferences: keystroke to finished frame, start-up to first frame with
/// cached keys, and memory. Build both products in release mode into one directory, then run the benchmark from it:
/// `swift build -c release --scratch-path .build-release --product tandem` (and `--product tandem-ui-bench`), then
/// `.build-release/release/tandem-ui-bench`.
@main
struct UIBenchmark {
    static let count = 10_000
    static let size = Size(width: 120, height: 40)

    static func main() async throws {
        print("tandem-ui-bench: \(count) preferences, \(size) terminal, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let baseline = residentMiB()
        var state = AppState(devices: [DevicePanel(name: "bench")], size: size, themeNames: ThemeCatalog.builtIn.names)
        _ = reduce(&state, .snapshot(snapshot(preferences: BenchProfile.preferences(count: count)), device: 0))
        let loaded = residentMiB()
        try keystrokes(&state)
        try snapshots(&state)
        print(String(format: "memory: UI state with %d preferences (snapshot included) %.1f MiB resident above a %.1f MiB baseline",
                     count, loaded - baseline, baseline))
        try await startup()
    }

    /// reduce + render + curses paint (into /dev/null) for a realistic mix of keys.
    static func keystrokes(_ state: inout AppState) throws {
        let sink = try FrameSink(terminalName: "xterm-256color", size: size)
        defer { sink.stop() }
        let catalog = ThemeCatalog.builtIn
        func frame() { sink.paint(render(state, theme: catalog.theme(named: state.themeName)!, size: size), theme: catalog.theme(named: state.themeName)!) }
        frame()
        var keys: [Key] = []
        for round in 0..<400 {
            keys += Array(repeating: .character("j"), count: 10) + [.pageDown, .character("k"), .pageUp]
            if round % 20 == 0 { keys += [.character("G"), .character("g")] }
            if round % 25 == 0 { keys += [.character("/")] + "setting.12".map { .character($0) } + Array(repeating: .backspace, count: 10) + [.escape] }
            if round % 40 == 0 { keys += [.character("e")] + "new".map { .character($0) } + [.escape] }
            if round % 100 == 0 { keys += [.character("t")] }
            // The detail view: open, scroll, jump, back (its text is wrapped afresh for every frame).
            if round % 30 == 0 { keys += [.character("v"), .character("j"), .pageDown, .character("G"), .character("g"), .escape] }
        }
        var samples: [Duration] = []
        var cpu: [Duration] = []
        samples.reserveCapacity(keys.count)
        let clock = ContinuousClock()
        for key in keys {
            let cpuStart = threadCPUTime()
            samples.append(clock.measure {
                _ = reduce(&state, .key(key))
                frame()
            })
            cpu.append(threadCPUTime() - cpuStart)
        }
        let statistics = Statistics(samples)
        let cpuStatistics = Statistics(cpu)
        print("keystroke to finished frame (reduce + render + paint), \(samples.count) keys: median \(Statistics.milliseconds(statistics.median)), "
              + "p99 \(Statistics.milliseconds(statistics.percentile(99))), max \(Statistics.milliseconds(statistics.max)) (target < 5 ms)")
        // CPU time of this thread alone: what a keystroke costs when no other process takes the core away.
        print("  CPU time per keystroke: median \(Statistics.milliseconds(cpuStatistics.median)), p99 "
              + "\(Statistics.milliseconds(cpuStatistics.percentile(99))), max \(Statistics.milliseconds(cpuStatistics.max))")
        let slowest = zip(keys, cpu).sorted { $0.1 > $1.1 }.prefix(8).map { "\($0.0.label) \(Statistics.milliseconds($0.1))" }
        print("  slowest keys by CPU time: \(slowest.joined(separator: ", "))")
    }

    /// A snapshot with one changed value arriving from the engine, up to the painted frame.
    static func snapshots(_ state: inout AppState) throws {
        let sink = try FrameSink(terminalName: "xterm-256color", size: size)
        defer { sink.stop() }
        var preferences = BenchProfile.preferences(count: count)
        var samples: [Duration] = []
        let clock = ContinuousClock()
        let theme = ThemeCatalog.defaultTheme
        for round in 0..<50 {
            preferences[ExactText("group.0.setting.\(round)")] = ExactText("changed \(round)")
            let next = snapshot(preferences: preferences)
            samples.append(clock.measure {
                _ = reduce(&state, .snapshot(next, device: 0))
                sink.paint(render(state, theme: theme, size: size), theme: theme)
            })
        }
        let statistics = Statistics(samples)
        print("engine snapshot (one value changed) to finished frame, \(samples.count) snapshots: median \(Statistics.milliseconds(statistics.median)), "
              + "p99 \(Statistics.milliseconds(statistics.percentile(99)))")
    }

    /// Spawns the real `tandem` in a pseudo-terminal until its first frame is painted, with cached keys.
    static func startup() async throws {
        let tandem = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("tandem").path
        guard FileManager.default.isExecutableFile(atPath: tandem) else {
            return print("start-up: skipped, build the tandem product next to this benchmark first")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-ui-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataHome = directory.appendingPathComponent("data").path
        for (name, count) in [("empty", 0), ("large", count)] {
            try await BenchProfile.make(name: name, preferences: BenchProfile.preferences(count: count), dataHome: dataHome)
            var samples: [Duration] = []
            var peak = rusage()
            for _ in 0..<15 {
                let terminal = try Pseudoterminal()
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tandem)
                process.arguments = ["--profile", name, "--exit-after-first-frame"]
                process.environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": "\(size.width)", "LINES": "\(size.height)",
                                       "HOME": directory.path, "XDG_DATA_HOME": dataHome, "XDG_CONFIG_HOME": directory.path]
                process.standardInput = terminal.handle
                process.standardOutput = terminal.handle
                process.standardError = terminal.handle
                let start = ContinuousClock.now
                try process.run()
                process.waitUntilExit()
                samples.append(ContinuousClock.now - start)
                guard process.terminationStatus == 0 else { return print("start-up: tandem exited with \(process.terminationStatus)") }
            }
            getrusage(RUSAGE_CHILDREN.rawValue, &peak)
            let statistics = Statistics(samples)
            // The same start without the UI: how much of it is opening the profile (state file, engine).
            var status: [Duration] = []
            for _ in 0..<15 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tandem)
                process.arguments = ["status", "--profile", name]
                process.environment = ["HOME": directory.path, "XDG_DATA_HOME": dataHome]
                process.standardOutput = FileHandle.nullDevice
                let start = ContinuousClock.now
                try process.run()
                process.waitUntilExit()
                status.append(ContinuousClock.now - start)
            }
            print("start-up to first frame, cached keys, \(count) preferences, \(samples.count) runs: median \(Statistics.milliseconds(statistics.median)), "
                  + "max \(Statistics.milliseconds(statistics.max)) (target < 150 ms); `tandem status` on the same profile (no UI): median "
                  + "\(Statistics.milliseconds(Statistics(status).median)); peak RSS of the tandem processes so far "
                  + String(format: "%.1f MiB", Double(peak.ru_maxrss) / 1024))
        }
    }

    static func snapshot(preferences: Preferences) -> SyncSnapshot {
        var snapshot = SyncSnapshot()
        snapshot.phase = .idle
        snapshot.deviceID = "bench-device"
        snapshot.server = "http://127.0.0.1:8090"
        snapshot.email = "bench@example.com"
        snapshot.syncedSequence = 1
        snapshot.latestRemoteSequence = 1
        snapshot.preferences = preferences
        snapshot.localChanges = (0..<20).map { LocalChange(key: ExactText("group.1.setting.\(100 + $0)"), kind: .changed) }
        snapshot.connection = .online(latency: .milliseconds(3))
        snapshot.feed = .connected
        snapshot.activity = (0..<200).map { ActivityEntry(date: Date(timeIntervalSinceNow: Double($0 - 200)), level: .info, message: "Entry \($0) of the log.") }
        return snapshot
    }

    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// Resident memory of this process, from /proc/self/status.
    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}

import Foundation
import TandemCore

/// Merge and wallet encode/decode of many preferences.
struct MergeBenchmark {
    let keys: Int

    func run() {
        var base: Preferences = [:], local: Preferences = [:], remote: Preferences = [:]
        for index in 0..<keys {
            let key = ExactText("setting.\(index)")
            base[key] = ExactText("value \(index)")
            local[key] = ExactText(index % 7 == 0 ? "local \(index)" : "value \(index)")
            remote[key] = ExactText(index % 11 == 0 ? "remote \(index)" : "value \(index)")
        }
        var merge = LatencyStats(), encode = LatencyStats(), decode = LatencyStats()
        var conflicts = 0
        let document = WalletDocument(preferences: local)
        var bytes: [UInt8] = []
        for _ in 0..<50 {
            var start = monotonicNanoseconds()
            conflicts = ThreeWayMerge.merge(base: base, local: local, remote: remote).conflicts.count
            merge.add(monotonicNanoseconds() - start)
            start = monotonicNanoseconds()
            bytes = document.encoded()
            encode.add(monotonicNanoseconds() - start)
            start = monotonicNanoseconds()
            _ = try? WalletDocument.decode(bytes)
            decode.add(monotonicNanoseconds() - start)
        }
        print("\(keys) preferences (\(conflicts) conflicts), 50 runs each:")
        print("  three-way merge   \(merge.summary)")
        print("  encode document   \(encode.summary) (\(bytes.count / 1024) KiB)")
        print("  decode document   \(decode.summary)")
    }
}

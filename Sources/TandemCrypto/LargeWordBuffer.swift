#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Page-mapped memory for scrypt's V array (1 GiB at N = 2^20, r = 8).
///
/// Mapped rather than malloc'd so that failure is an error instead of a crash, the pages are
/// returned to the system (already zeroed for the next user) as soon as it is freed, and on
/// Linux the kernel may back it with transparent huge pages: ROMix reads V at random, and with
/// 4 KiB pages nearly every read also misses the TLB.
struct LargeWordBuffer {
    /// First word of the mapping.
    let base: UnsafeMutablePointer<UInt32>
    private let byteCount: Int

    /// Maps `count` zeroed words; throws `insufficientMemory` when the system refuses.
    init(count: Int) throws(CryptoFailure) {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<UInt32>.stride)
        guard !overflow else { throw .insufficientMemory(byteCount: .max) }
        let address = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .insufficientMemory(byteCount: byteCount)
        }
        #if os(Linux)
        // Advisory only: where THP is disabled this fails harmlessly.
        _ = madvise(address, byteCount, MADV_HUGEPAGE)
        #endif
        self.base = address.bindMemory(to: UInt32.self, capacity: count)
        self.byteCount = byteCount
    }

    /// Unmaps the memory; the buffer must not be used afterwards.
    func deallocate() {
        munmap(base, byteCount)
    }
}

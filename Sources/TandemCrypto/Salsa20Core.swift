/// The Salsa20/8 core and scrypt's BlockMix over 32-bit little-endian words (RFC 7914 §3–4).
///
/// Everything here works on raw pointers so the optimiser sees no bounds checks or
/// retain/release in the loop that runs 2·N·2r times (33 million at N = 2^20, r = 8).
enum Salsa20Core {
    /// Words per 64-byte Salsa20 block.
    static let wordsPerBlock = 16

    /// BlockMix: writes BlockMix(input) to `output` (2r blocks, shuffled Y0, Y2, …, Y1, Y3, …).
    ///
    /// Each Salsa output block is the chaining value of the next one, so it is written
    /// straight into its shuffled place and read back from there; no scratch copy is needed.
    @inline(__always)
    static func blockMix(_ input: UnsafePointer<UInt32>, into output: UnsafeMutablePointer<UInt32>, r: Int) {
        var previous = input + (2 * r - 1) * 16
        for index in stride(from: 0, to: 2 * r, by: 2) {
            let even = output + index * 8
            salsa20_8(previous, input + index * 16, into: even)
            let odd = output + (r + index / 2) * 16
            salsa20_8(UnsafePointer(even), input + (index + 1) * 16, into: odd)
            previous = UnsafePointer(odd)
        }
    }

    /// BlockMix(input ⊕ other), fusing the XOR with V[j] of ROMix's second loop into the mix.
    @inline(__always)
    static func blockMix(
        _ input: UnsafePointer<UInt32>,
        xoring other: UnsafePointer<UInt32>,
        into output: UnsafeMutablePointer<UInt32>,
        r: Int
    ) {
        // B_{2r-1} ⊕ V_{2r-1} seeds the chain; keep it in a stack-allocated block.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { seed in
            let last = (2 * r - 1) * 16
            for word in 0..<16 {
                seed[word] = input[last + word] ^ other[last + word]
            }
            var previous = UnsafePointer(seed.baseAddress!)
            for index in stride(from: 0, to: 2 * r, by: 2) {
                let even = output + index * 8
                salsa20_8(previous, input + index * 16, other + index * 16, into: even)
                let odd = output + (r + index / 2) * 16
                salsa20_8(UnsafePointer(even), input + (index + 1) * 16, other + (index + 1) * 16, into: odd)
                previous = UnsafePointer(odd)
            }
        }
    }

    /// `output = Salsa20/8(previous ⊕ block)`.
    @inline(__always)
    static func salsa20_8(
        _ previous: UnsafePointer<UInt32>,
        _ block: UnsafePointer<UInt32>,
        into output: UnsafeMutablePointer<UInt32>
    ) {
        salsa20_8(
            previous[0] ^ block[0], previous[1] ^ block[1], previous[2] ^ block[2], previous[3] ^ block[3],
            previous[4] ^ block[4], previous[5] ^ block[5], previous[6] ^ block[6], previous[7] ^ block[7],
            previous[8] ^ block[8], previous[9] ^ block[9], previous[10] ^ block[10], previous[11] ^ block[11],
            previous[12] ^ block[12], previous[13] ^ block[13], previous[14] ^ block[14], previous[15] ^ block[15],
            into: output
        )
    }

    /// `output = Salsa20/8(previous ⊕ block ⊕ other)`.
    @inline(__always)
    static func salsa20_8(
        _ previous: UnsafePointer<UInt32>,
        _ block: UnsafePointer<UInt32>,
        _ other: UnsafePointer<UInt32>,
        into output: UnsafeMutablePointer<UInt32>
    ) {
        salsa20_8(
            previous[0] ^ block[0] ^ other[0], previous[1] ^ block[1] ^ other[1],
            previous[2] ^ block[2] ^ other[2], previous[3] ^ block[3] ^ other[3],
            previous[4] ^ block[4] ^ other[4], previous[5] ^ block[5] ^ other[5],
            previous[6] ^ block[6] ^ other[6], previous[7] ^ block[7] ^ other[7],
            previous[8] ^ block[8] ^ other[8], previous[9] ^ block[9] ^ other[9],
            previous[10] ^ block[10] ^ other[10], previous[11] ^ block[11] ^ other[11],
            previous[12] ^ block[12] ^ other[12], previous[13] ^ block[13] ^ other[13],
            previous[14] ^ block[14] ^ other[14], previous[15] ^ block[15] ^ other[15],
            into: output
        )
    }

    /// Eight Salsa20 rounds (four double rounds) plus the feed-forward, on words held in registers.
    @inline(__always)
    private static func salsa20_8(
        _ j0: UInt32, _ j1: UInt32, _ j2: UInt32, _ j3: UInt32,
        _ j4: UInt32, _ j5: UInt32, _ j6: UInt32, _ j7: UInt32,
        _ j8: UInt32, _ j9: UInt32, _ j10: UInt32, _ j11: UInt32,
        _ j12: UInt32, _ j13: UInt32, _ j14: UInt32, _ j15: UInt32,
        into output: UnsafeMutablePointer<UInt32>
    ) {
        var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7
        var x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15
        for _ in 0..<4 {
            // Columns.
            x4 ^= rotate(x0 &+ x12, 7); x8 ^= rotate(x4 &+ x0, 9)
            x12 ^= rotate(x8 &+ x4, 13); x0 ^= rotate(x12 &+ x8, 18)
            x9 ^= rotate(x5 &+ x1, 7); x13 ^= rotate(x9 &+ x5, 9)
            x1 ^= rotate(x13 &+ x9, 13); x5 ^= rotate(x1 &+ x13, 18)
            x14 ^= rotate(x10 &+ x6, 7); x2 ^= rotate(x14 &+ x10, 9)
            x6 ^= rotate(x2 &+ x14, 13); x10 ^= rotate(x6 &+ x2, 18)
            x3 ^= rotate(x15 &+ x11, 7); x7 ^= rotate(x3 &+ x15, 9)
            x11 ^= rotate(x7 &+ x3, 13); x15 ^= rotate(x11 &+ x7, 18)
            // Rows.
            x1 ^= rotate(x0 &+ x3, 7); x2 ^= rotate(x1 &+ x0, 9)
            x3 ^= rotate(x2 &+ x1, 13); x0 ^= rotate(x3 &+ x2, 18)
            x6 ^= rotate(x5 &+ x4, 7); x7 ^= rotate(x6 &+ x5, 9)
            x4 ^= rotate(x7 &+ x6, 13); x5 ^= rotate(x4 &+ x7, 18)
            x11 ^= rotate(x10 &+ x9, 7); x8 ^= rotate(x11 &+ x10, 9)
            x9 ^= rotate(x8 &+ x11, 13); x10 ^= rotate(x9 &+ x8, 18)
            x12 ^= rotate(x15 &+ x14, 7); x13 ^= rotate(x12 &+ x15, 9)
            x14 ^= rotate(x13 &+ x12, 13); x15 ^= rotate(x14 &+ x13, 18)
        }
        output[0] = x0 &+ j0; output[1] = x1 &+ j1; output[2] = x2 &+ j2; output[3] = x3 &+ j3
        output[4] = x4 &+ j4; output[5] = x5 &+ j5; output[6] = x6 &+ j6; output[7] = x7 &+ j7
        output[8] = x8 &+ j8; output[9] = x9 &+ j9; output[10] = x10 &+ j10; output[11] = x11 &+ j11
        output[12] = x12 &+ j12; output[13] = x13 &+ j13; output[14] = x14 &+ j14; output[15] = x15 &+ j15
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value &<< count) | (value &>> (32 &- count))
    }
}

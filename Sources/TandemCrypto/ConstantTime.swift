/// Comparisons whose running time does not depend on where secret bytes differ.
enum ConstantTime {
    /// True when both byte sequences are equal; the length is not secret, the contents are.
    @inline(never)
    static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}

extension ServerPasswordHash {
    /// The parts of a PHC string `$scrypt$ln=<log2N>,r=<r>,p=<p>$<salt>$<key>`.
    struct Encoded: CustomStringConvertible {
        let cost: Cost
        let salt: [UInt8]
        let key: [UInt8]

        static let identifier = "scrypt"
        static let saltByteCounts = 8...64
        static let keyByteCounts = 16...64

        /// Checked parts; throws when the cost, salt or key length is outside the accepted ranges.
        init(cost: Cost, salt: [UInt8], key: [UInt8]) throws(CryptoFailure) {
            guard cost.isAcceptable else {
                throw .invalidParameters("password hash cost ln=\(cost.log2N),r=\(cost.r),p=\(cost.p) is out of range")
            }
            guard Self.saltByteCounts.contains(salt.count), Self.keyByteCounts.contains(key.count) else {
                throw .invalidParameters("password hash salt or key length out of range")
            }
            self.cost = cost
            self.salt = salt
            self.key = key
        }

        /// Parses the canonical spelling only; nil for anything else.
        init?(parsing text: String) {
            let fields = text.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 5, fields[0].isEmpty, fields[1] == Self.identifier,
                  let cost = Self.parseCost(fields[2]),
                  let salt = Base64.decodeUnpadded(String(fields[3])),
                  let key = Base64.decodeUnpadded(String(fields[4])),
                  let encoded = try? Encoded(cost: cost, salt: salt, key: key)
            else { return nil }
            self = encoded
        }

        var description: String {
            "$\(Self.identifier)$ln=\(cost.log2N),r=\(cost.r),p=\(cost.p)"
                + "$\(Base64.encodeUnpadded(salt))$\(Base64.encodeUnpadded(key))"
        }

        /// Parses `ln=15,r=8,p=1`: these three names, in this order, decimal without leading zeros.
        private static func parseCost(_ text: Substring) -> Cost? {
            let pairs = text.split(separator: ",", omittingEmptySubsequences: false)
            guard pairs.count == 3 else { return nil }
            var values: [Int] = []
            for (pair, name) in zip(pairs, ["ln", "r", "p"]) {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0] == name,
                      let value = Int(parts[1]), String(value) == parts[1]
                else { return nil }
                values.append(value)
            }
            return Cost(log2N: values[0], r: values[1], p: values[2])
        }
    }
}

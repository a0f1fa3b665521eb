/// SplitMix64: a tiny, fast, well-mixed PRNG. Same seed, same sequence, on every platform.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (inclusive), without `Int.random`'s platform-dependent algorithm.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// A version-4-shaped UUID in lowercase hex (8-4-4-4-12).
    mutating func uuid() -> String {
        let high = next()
        let low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUIDText.format(bytes)
    }

    /// 128 random bits as 32 lowercase hex digits (the shape of a MoQ relay's `uid`).
    mutating func hexID() -> String {
        UUIDText.format((0..<16).map { _ in UInt8(truncatingIfNeeded: next()) }).filter { $0 != "-" }
    }
}

/// Formatting and checking of textual UUIDs.
enum UUIDText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func format(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for 8-4-4-4-12 hex text (any case), the shape Joi calls a GUID.
    static func isValid(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, char) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if char != UInt8(ascii: "-") { return false }
            } else if !isHex(char) {
                return false
            }
        }
        return true
    }

    private static func isHex(_ char: UInt8) -> Bool {
        (char >= 48 && char <= 57) || (char >= 97 && char <= 102) || (char >= 65 && char <= 70)
    }
}

/// A fresh random UUID for live requests (not seeded: live IDs need not be reproducible).
func randomUUID() -> String {
    var generator = SplitMix64(seed: UInt64.random(in: UInt64.min...UInt64.max))
    return generator.uuid()
}

/// A set of keywords (upper-case ASCII letters and `_`), looked up case-insensitively straight from a
/// name's UTF-8 bytes: no upper-cased copy, no hashing (the printer asks it for every name it writes).
struct KeywordTable: Sendable {
    /// The keywords' bytes, bucketed by length and first letter.
    private let buckets: [[[UInt8]]]
    private static let maximumLength = 31

    /// True when the table holds no keyword.
    let isEmpty: Bool

    init(_ keywords: Set<String>) {
        isEmpty = keywords.isEmpty
        var buckets = [[[UInt8]]](repeating: [], count: (KeywordTable.maximumLength + 1) * 27)
        for keyword in keywords {
            let bytes = Array(keyword.utf8)
            precondition(bytes.count <= KeywordTable.maximumLength && bytes.allSatisfy { (0x41...0x5A).contains($0) || $0 == 0x5F },
                         "not an upper-case keyword: \(keyword)")
            buckets[KeywordTable.bucket(length: bytes.count, first: bytes[0])].append(bytes)
        }
        self.buckets = buckets
    }

    private static func bucket(length: Int, first: UInt8) -> Int {
        let letter = first | 0x20
        return length * 27 + (letter >= 0x61 && letter <= 0x7A ? Int(letter - 0x60) : 0)
    }

    /// True when `text`, compared without regard to ASCII case, is one of the keywords.
    func contains(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ contains(bytes: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { contains(bytes: $0) }
    }

    private func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= KeywordTable.maximumLength else { return false }
        candidates: for keyword in buckets[KeywordTable.bucket(length: bytes.count, first: first)] {
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                if upper != keyword[index] { continue candidates }
            }
            return true
        }
        return false
    }
}

/// A parsed query string: every `key=value` pair in order, percent-decoded (`+` as space).
struct QueryString: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = QueryString.decode(pieces[0])
            let value = pieces.count > 1 ? QueryString.decode(pieces[1]) : ""
            pairs.append((key, value))
        }
    }

    /// Every value given for `key`, in order.
    func values(_ key: String) -> [String] {
        pairs.filter { $0.0 == key }.map(\.1)
    }

    /// The last value given for `key`.
    func last(_ key: String) -> String? {
        pairs.last(where: { $0.0 == key })?.1
    }

    /// Percent-decoding; malformed escapes are kept as they are.
    static func decode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        case 65...70: return byte - 55
        default: return nil
        }
    }
}

import Foundation

/// Milliseconds since the Unix epoch, UTC: how the sandbox stores every date-time.
typealias Millis = Int64

/// ISO 8601 formatting (`2026-03-04T10:11:12.000Z`) and lenient ISO 8601 parsing, without Foundation formatters.
enum Timestamp {
    static let millisPerDay: Int64 = 86_400_000

    /// The wall clock, in milliseconds.
    static func now() -> Millis {
        Millis((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// `2026-03-04T10:11:12.000Z`.
    static func format(_ millis: Millis) -> String {
        let days = floorDiv(millis, millisPerDay)
        var rest = millis - days * millisPerDay
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000; rest %= 3_600_000
        let minute = rest / 60_000; rest %= 60_000
        let second = rest / 1000
        let milli = rest % 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2)
            + ":" + pad(second, 2) + "." + pad(milli, 3) + "Z"
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM[:SS[.fraction]]`,
    /// then `Z`, `±HH:MM`, `±HHMM` or nothing (UTC). Nil when the text is not such a date.
    static func parse(_ text: String) -> Millis? {
        let chars = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int64? {
            guard index + count <= chars.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let char = chars[index + offset]
                guard char >= 48 && char <= 57 else { return nil }
                value = value * 10 + Int64(char - 48)
            }
            index += count
            return value
        }
        func expect(_ char: Character) -> Bool {
            guard index < chars.count, chars[index] == char.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var millis = days(fromCivil: year, month, day) * millisPerDay
        if index == chars.count { return millis }
        guard expect("T") || expect("t") || expect(" ") else { return nil }
        guard let hour = digits(2), expect(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        millis += hour * 3_600_000 + minute * 60_000
        if expect(":") {
            guard let second = digits(2), second < 60 else { return nil }
            millis += second * 1000
            if expect(".") || expect(",") {
                var scale: Int64 = 100
                var sawDigit = false
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                    millis += Int64(chars[index] - 48) * scale
                    scale /= 10
                    sawDigit = true
                    index += 1
                }
                guard sawDigit else { return nil }
            }
        }
        if index == chars.count { return millis }
        if expect("Z") || expect("z") { return index == chars.count ? millis : nil }
        let sign: Int64
        if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = expect(":")
        guard let offsetMinutes = digits(2), offsetMinutes < 60, index == chars.count else { return nil }
        return millis - sign * (offsetHours * 3_600_000 + offsetMinutes * 60_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil-from-days.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

import RTKQLProvider

/// Coerces literals written in SQL to a parameter's declared type (`page_no = '2'` → 2,
/// `expired = 'false'` → false), checking enums and bounds.
enum ParameterCoercion {
    static func coerce(_ values: [RawValue], to parameter: ParameterDefinition, resource: String) throws -> ParameterValue {
        if parameter.type == .array {
            let items = try values.map { value -> String in
                let text = try scalarText(value, parameter: parameter)
                if let allowed = parameter.items?.enum {
                    return try matchEnum(text, allowed: allowed, parameter: parameter.name)
                }
                return text
            }
            return .array(items)
        }
        guard values.count == 1, let value = values.first else {
            throw PlanningError(.invalidParameterValue(parameter: parameter.name),
                                "parameter \(parameter.name) takes one value, got \(values.count)")
        }
        return try coerce(value, to: parameter)
    }

    static func coerce(_ value: RawValue, to parameter: ParameterDefinition) throws -> ParameterValue {
        switch parameter.type {
        case .integer:
            let number: Int64?
            switch value {
            case .integer(let integer): number = integer
            case .real(let real) where real.rounded() == real: number = Int64(real)
            case .text(let text): number = Int64(text.trimmingWhitespace())
            default: number = nil
            }
            guard let number else { throw invalid(value, parameter, expected: "an integer") }
            if let minimum = parameter.minimum, Double(number) < minimum {
                throw PlanningError(.invalidParameterValue(parameter: parameter.name),
                                    "parameter \(parameter.name) must be at least \(Int(minimum)), got \(number)")
            }
            if let maximum = parameter.maximum, Double(number) > maximum {
                throw PlanningError(.invalidParameterValue(parameter: parameter.name),
                                    "parameter \(parameter.name) must be at most \(Int(maximum)), got \(number)")
            }
            return .integer(number)
        case .number:
            switch value {
            case .integer(let integer): return .number(Double(integer))
            case .real(let real): return .number(real)
            case .text(let text):
                if let real = Double(text.trimmingWhitespace()) { return .number(real) }
            default: break
            }
            throw invalid(value, parameter, expected: "a number")
        case .boolean:
            switch value {
            case .boolean(let flag): return .boolean(flag)
            case .integer(let integer) where integer == 0 || integer == 1: return .boolean(integer == 1)
            case .text(let text):
                switch text.trimmingWhitespace().lowercased() {
                case "true", "1": return .boolean(true)
                case "false", "0": return .boolean(false)
                default: break
                }
            default: break
            }
            throw invalid(value, parameter, expected: "true or false")
        case .string, .object, .array:
            let text = try scalarText(value, parameter: parameter)
            if let allowed = parameter.enum {
                return .string(try matchEnum(text, allowed: allowed, parameter: parameter.name))
            }
            if parameter.format == "date-time", !DateTimeFormat.isISO8601(text) {
                throw invalid(value, parameter, expected: "an ISO 8601 date-time such as 2026-01-31T00:00:00Z")
            }
            return .string(text)
        }
    }

    private static func scalarText(_ value: RawValue, parameter: ParameterDefinition) throws -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null:
            throw PlanningError(.invalidParameterValue(parameter: parameter.name),
                                "parameter \(parameter.name) cannot be NULL")
        }
    }

    private static func matchEnum(_ text: String, allowed: [String], parameter: String) throws -> String {
        if let match = allowed.first(where: { $0 == text }) ?? allowed.first(where: { $0.lowercased() == text.lowercased() }) {
            return match
        }
        throw PlanningError(.invalidParameterValue(parameter: parameter),
                            "invalid value '\(text)' for parameter \(parameter): expected one of \(allowed.joined(separator: ", "))")
    }

    private static func invalid(_ value: RawValue, _ parameter: ParameterDefinition, expected: String) -> PlanningError {
        PlanningError(.invalidParameterValue(parameter: parameter.name),
                      "invalid value \(value) for parameter \(parameter.name): expected \(expected)")
    }
}

/// A light check of ISO 8601 date and date-time text (`2026-01-31`, `2026-01-31T10:00:00Z`, with offset or fraction).
enum DateTimeFormat {
    static func isISO8601(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && range.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 }
        }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == 45, digits(5..<7), bytes[7] == 45, digits(8..<10) else { return false }
        if bytes.count == 10 { return true }
        guard bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32, digits(11..<13), bytes.count >= 16, bytes[13] == 58, digits(14..<16) else {
            return false
        }
        return true
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

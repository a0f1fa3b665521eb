import RTKQLProvider

/// Builds a method call's URL and body from its bound parameters.
public enum RequestBuilder {
    /// `base` + the method's path with path parameters filled in + the query string.
    /// Query parameters follow the method's parameter order; arrays become repeated keys.
    public static func url(base: String, method: MethodDefinition, parameters: [String: ParameterValue]) -> String {
        var path = method.http.path
        var query: [String] = []
        for parameter in method.parameters {
            guard let value = parameters[parameter.name] else { continue }
            switch parameter.in {
            case .path:
                path = path.replacingPlaceholder(parameter.name, with: percentEncode(value.wireValues.first ?? ""))
            case .query:
                for item in value.wireValues {
                    query.append("\(percentEncode(parameter.name))=\(percentEncode(item))")
                }
            case .body:
                break
            }
        }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmedBase + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// RFC 3986 percent-encoding: everything but unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }
}

extension String {
    func replacingPlaceholder(_ name: String, with value: String) -> String {
        let token = "{\(name)}"
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: token) {
            result += rest[..<range.lowerBound]
            result += value
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

import CSQLite
import NIOCore
import RTKQL
import RTKQLPlanning
import RTKQLStorage

/// An error or notice for a client: SQLSTATE code, message, and where in the query it is.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The five-character SQLSTATE (`42601`).
    public var code: String
    /// The same message the CLI prints for the error.
    public var message: String
    /// 1-based character position in the query text, when known.
    public var position: Int?
    /// Whether the connection is closed after the error is sent.
    public var isFatal = false

    /// An error with its SQLSTATE and message.
    public init(code: String, message: String, position: Int? = nil, isFatal: Bool = false) {
        self.code = code
        self.message = message
        self.position = position
        self.isFatal = isFatal
    }

    /// `SQLSTATE: message`.
    public var description: String { "\(code): \(message)" }

    /// Writes the fields of an ErrorResponse or NoticeResponse.
    func writeFields(into buffer: inout ByteBuffer, severity: String) {
        let level = isFatal ? "FATAL" : severity
        for (field, value) in [("S", level), ("V", level), ("C", code), ("M", message)] {
            buffer.writeInteger(UInt8(ascii: field.unicodeScalars.first!))
            buffer.writeNullTerminatedString(value)
        }
        if let position {
            buffer.writeInteger(UInt8(ascii: "P"))
            buffer.writeNullTerminatedString(String(position))
        }
        buffer.writeInteger(UInt8(0))
    }
}

extension ServerError {
    static func protocolViolation(_ violation: ProtocolViolation) -> ServerError {
        ServerError(code: violation.tooLarge ? "54000" : "08P01", message: violation.message, isFatal: true)
    }

    static func featureNotSupported(_ message: String) -> ServerError {
        ServerError(code: "0A000", message: message)
    }

    /// The client's error for an rtkql error: the CLI's message, with the SQLSTATE PostgreSQL uses for the
    /// same kind of failure, and the position of a syntax error within `query`.
    init(_ error: RTKQLError, query: String) {
        let message = error.description
        switch error {
        case .syntax(let parse):
            self.init(code: "42601", message: message, position: ServerError.position(of: parse.range.start, in: parse.source))
        case .template:
            self.init(code: "42601", message: message)
        case .planning(let planning):
            let code: String
            switch planning.kind {
            case .unknownResource: code = "42P01"
            case .unknownColumn: code = "42703"
            case .unknownMethod: code = "42883"
            case .missingParameter, .unbindableParameter: code = "42P02"
            case .invalidParameterValue: code = "22023"
            case .unsupported: code = "0A000"
            case .dependencyCycle: code = "42P19"
            case .tooManyCalls: code = "54000"
            }
            self.init(code: code, message: message,
                      position: planning.range.map { ServerError.position(of: $0.start, in: query) })
        case .api(let api):
            switch api.status {
            case 401, 403: self.init(code: "42501", message: message)
            case 429: self.init(code: "53400", message: message)
            default: self.init(code: "38000", message: message)
            }
        case .transport: self.init(code: "58030", message: message)
        case .malformedResponse: self.init(code: "38000", message: message)
        case .invalid: self.init(code: "42000", message: message)
        case .database(let database): self.init(code: ServerError.sqlState(of: database), message: message)
        case .cancelled: self.init(code: "57014", message: "canceling statement due to user request")
        case .statementTimeout: self.init(code: "57014", message: message)
        default: self.init(code: "XX000", message: message)
        }
    }

    /// PostgreSQL's SQLSTATE for a SQLite failure.
    static func sqlState(of error: DatabaseError) -> String {
        switch error.primaryCode {
        case SQLITE_TOOBIG: return "54000"
        case SQLITE_NOMEM: return "53200"
        case SQLITE_FULL: return "53100"
        case SQLITE_INTERRUPT: return "57014"
        case SQLITE_CONSTRAINT: return "23000"
        case SQLITE_AUTH: return "42501"
        default:
            if error.message.hasPrefix("no such table") { return "42P01" }
            if error.message.hasPrefix("no such column") { return "42703" }
            if error.message.hasPrefix("no such function") { return "42883" }
            if error.message.contains("syntax error") { return "42601" }
            return "42000"
        }
    }

    /// The 1-based character position of UTF-8 offset `offset` in `text`.
    static func position(of offset: Int, in text: String) -> Int {
        let utf8 = text.utf8
        let clamped = min(max(0, offset), utf8.count)
        let index = utf8.index(utf8.startIndex, offsetBy: clamped)
        return text[..<index].count + 1
    }
}

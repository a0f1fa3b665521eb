import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

/// An HTTP error answered by the API: status, message, and the request that got it.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    /// The API's own message (`error.message` or `errors[0].message`).
    public var message: String
    /// The API's error code, when it gives one.
    public var code: Int?
    /// `GET https://...` (never headers or credentials).
    public var request: String
    /// The `Retry-After` the API asked for, in seconds.
    public var retryAfterSeconds: Double?

    public init(status: Int, message: String, code: Int? = nil, request: String) {
        self.status = status
        self.message = message
        self.code = code
        self.request = request
    }

    public var description: String {
        "API error: HTTP \(status) \(HTTPStatus.reason(status)) from \(request): \(message)"
    }
}

/// Every error rtkql reports, by layer.
public enum RTKQLError: Error, Sendable, CustomStringConvertible {
    /// The SQL text could not be parsed.
    case syntax(ParseError)
    /// A `{{ name }}` placeholder problem.
    case template(message: String)
    /// The statement cannot be planned (missing parameter, unknown resource...).
    case planning(PlanningError)
    /// The API answered with an error status.
    case api(APIError)
    /// No response could be had (connection, timeout, cancellation).
    case transport(TransportError)
    /// The API answered 2xx with a body that does not have the expected shape.
    case malformedResponse(request: String, message: String)
    /// SQLite's message alone. Superseded by `.database`, which keeps SQLite's result code and the SQL.
    @available(*, deprecated, message: "rtkql reports SQLite errors as .database(DatabaseError), which keeps the result code and the SQL")
    case sql(message: String)
    /// A statement form or option that is not valid here.
    case invalid(message: String)
    /// SQLite refused or failed the statement: its result code, message, and the SQL it ran.
    case database(DatabaseError)
    /// The statement was cancelled (task cancellation, Ctrl-C, `Session.cancel()`, a client's cancel request)
    /// before it finished; nothing it would have returned is kept.
    case cancelled
    /// The statement ran longer than the statement time limit (`EngineConfiguration.statementTimeout`,
    /// `--statement-timeout`) and was stopped.
    case statementTimeout(seconds: Double)

    public var description: String {
        switch self {
        case .syntax(let error): return "syntax error at \(error.description)"
        case .template(let message): return message
        case .planning(let error): return error.message
        case .api(let error): return error.description
        case .transport(let error): return "request failed: \(error.description)"
        case .malformedResponse(let request, let message): return "unexpected response to \(request): \(message)"
        case .invalid(let message): return message
        case .database(let error): return "SQL error: \(error.message)"
        case .cancelled: return "cancelled"
        case .statementTimeout(let seconds):
            return "statement timeout: the statement ran longer than \(StatementDeadline.format(seconds: seconds)) and was stopped "
                + "(raise it with --statement-timeout SECONDS, or EngineConfiguration.statementTimeout)"
        default:
            // The deprecated `.sql(message:)`, read without naming it (naming it would warn).
            let message = Mirror(reflecting: self).children.first.map { "\($0.value)" } ?? ""
            return "SQL error: \(message)"
        }
    }

    /// The HTTP status, for API errors.
    public var httpStatus: Int? {
        if case .api(let error) = self { return error.status }
        return nil
    }
}

/// Reason phrases of the HTTP statuses the API uses.
enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}

extension RTKQLError {
    /// Runs planning code, turning its `PlanningError`s into `.planning` (anything else into `.invalid`).
    static func planning<T>(_ body: () throws -> T) throws(RTKQLError) -> T {
        do {
            return try body()
        } catch let error as PlanningError {
            throw .planning(error)
        } catch let error as RTKQLError {
            throw error
        } catch {
            throw .invalid(message: "\(error)")
        }
    }

    /// The error of a storage operation: SQLite's own errors keep their result code and SQL.
    static func storage(_ error: any Error) -> RTKQLError {
        switch error {
        case let error as RTKQLError: return error
        case let error as DatabaseError: return .database(error)
        default: return .invalid(message: "\(error)")
        }
    }
}

import RTKQLJSON
/// An app of the account (`GET /apps`).
struct AppRecord: Sendable {
    var id: String
    var name: String
    var createdAt: Millis

    var json: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("created_at", .time(createdAt))])
    }
}

import RTKQLJSON
/// A preset (`/presets`): a name and its `config`, `permissions` and `ui` documents, kept as given.
struct PresetRecord: Sendable {
    var id: String
    var name: String
    var createdAt: Millis
    var updatedAt: Millis
    /// `config`, `permissions` and `ui` (whatever the create or update body set).
    var document: JSONValue

    /// The list item: `id, name, created_at, updated_at`.
    var summaryJSON: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("created_at", .time(createdAt)), ("updated_at", .time(updatedAt))])
    }

    /// The full preset.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("name", .string(name))]
        members += document.objectMembers ?? []
        members += [("created_at", .time(createdAt)), ("updated_at", .time(updatedAt))]
        return .object(members)
    }
}

import RTKQLJSON
/// The response envelopes of the reference, as JSON text.
enum Envelope {
    /// `{"success":true,"data":<data>}`.
    static func single(_ data: String) -> String {
        "{\"success\":true,\"data\":" + data + "}"
    }

    /// `{"success":true,"data":[...],"paging":{"total_count":..,"start_offset":..,"end_offset":..}}`.
    static func list(_ page: ListPage) -> String {
        var text = "{\"success\":true,\"data\":["
        text.reserveCapacity(page.items.reduce(120) { $0 + $1.utf8.count + 1 })
        for (offset, item) in page.items.enumerated() {
            if offset > 0 { text += "," }
            text += item
        }
        text += "],\"paging\":{\"total_count\":\(page.totalCount),\"start_offset\":\(page.startOffset)"
        text += ",\"end_offset\":\(page.endOffset)}}"
        return text
    }

    /// The error body for `error`, in its shape.
    static func error(_ error: APIError) -> String {
        switch error.shape {
        case .realtimeKit:
            return "{\"success\":false,\"error\":{\"code\":\(error.status),\"message\":" + JSONWriter.quote(error.message) + "}}"
        case .cloudflare(let code):
            return "{\"success\":false,\"errors\":[{\"code\":\(code),\"message\":" + JSONWriter.quote(error.message)
                + "}],\"messages\":[],\"result\":null}"
        }
    }
}

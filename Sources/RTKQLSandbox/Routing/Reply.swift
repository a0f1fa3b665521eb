import HTTPTypes
import Hummingbird

/// A status and a JSON body: what every route answers.
struct Reply: Sendable {
    var status: Int
    var body: String

    /// `200 {"success":true,"data":<data>}` (or another status).
    static func data(_ data: String, status: Int = 200) -> Reply {
        Reply(status: status, body: Envelope.single(data))
    }

    /// The error's status and envelope.
    static func error(_ error: APIError) -> Reply {
        Reply(status: error.status, body: Envelope.error(error))
    }

    /// The HTTP response; a successful answer is spoiled as the fault plan says.
    func response(malformed: FaultInjector.Malformed?, headers extra: [(HTTPField.Name, String)] = []) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        for (name, value) in extra { headers[name] = value }
        var text = body
        switch (malformed, status) {
        case (.truncated?, 200..<300):
            text = String(text.prefix(text.count / 2))
        case (.html?, 200..<300):
            headers[.contentType] = "text/html; charset=utf-8"
            text = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        default:
            break
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

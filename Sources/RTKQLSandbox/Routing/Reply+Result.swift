import RTKQLJSON
/// Answers in Cloudflare's v4 envelope, as the MoQ relay routes give them.
extension Reply {
    /// `{"result":<result>,["result_info":<info>,]"success":true,"errors":[],"messages":[]}`.
    static func result(_ result: JSONValue, info: JSONValue? = nil, status: Int = 200) -> Reply {
        var members: [(String, JSONValue)] = [("result", result)]
        if let info { members.append(("result_info", info)) }
        members += [("success", .bool(true)), ("errors", .array([])), ("messages", .array([]))]
        return Reply(status: status, body: JSONValue.object(members).rendered)
    }
}

import RTKQL
import RTKQLSyntax

/// Which tool may run a statement: reads go to `query`, changes to `execute`.
enum StatementGate {
    /// What a statement does, as far as the tools care.
    enum Kind: Equatable {
        /// SELECT, SHOW, DESCRIBE, EXPLAIN: reads the API or the catalogue, changes nothing.
        case read
        /// REPLACE, INSERT, UPDATE, DELETE, EXEC: sends requests that change Cloudflare resources.
        case mutation(verb: String)
        /// USE, REGISTRY LIST, PURGE: session housekeeping no tool offers.
        case other(verb: String)
    }

    static func kind(of statement: Statement) -> Kind {
        switch statement {
        case .select, .show, .describe, .explain: return .read
        case .replace: return .mutation(verb: "REPLACE")
        case .update: return .mutation(verb: "UPDATE")
        case .insert: return .mutation(verb: "INSERT")
        case .delete: return .mutation(verb: "DELETE")
        case .exec: return .mutation(verb: "EXEC")
        case .use: return .other(verb: "USE")
        case .registryList: return .other(verb: "REGISTRY LIST")
        case .purge: return .other(verb: "PURGE")
        }
    }

    /// Why `query` refuses a statement of this kind, or nil when it runs it.
    static func queryRefusal(_ kind: Kind, allowMutations: Bool) -> String? {
        switch kind {
        case .read:
            return nil
        case .mutation(let verb) where allowMutations:
            return "\(verb) changes Cloudflare resources: the query tool only reads (SELECT, SHOW, DESCRIBE, EXPLAIN); "
                + "send it to the execute tool"
        case .mutation(let verb):
            return "\(verb) changes Cloudflare resources and this server is read-only: the query tool runs SELECT, "
                + "SHOW, DESCRIBE and EXPLAIN; start the server with rtkql mcp --allow-mutations to get the execute tool"
        case .other(let verb):
            return "\(verb) is not available here: the query tool runs SELECT, SHOW, DESCRIBE and EXPLAIN"
        }
    }

    /// Why `execute` refuses a statement of this kind, or nil when it runs it.
    static func executeRefusal(_ kind: Kind) -> String? {
        switch kind {
        case .mutation: return nil
        case .read: return "the execute tool runs REPLACE, INSERT, UPDATE, DELETE and EXEC; send reads to the query tool"
        case .other(let verb): return "\(verb) is not available here: the execute tool runs REPLACE, INSERT, UPDATE, DELETE and EXEC"
        }
    }
}

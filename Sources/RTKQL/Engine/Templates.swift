import RTKQLSyntax

extension Engine {
    /// Fills `{{ name }}` placeholders in `script` from `variables`, escaping each value for the
    /// context it lands in (see `TemplateExpander`).
    public static func expandTemplates(_ script: String, variables: [String: String]) throws(RTKQLError) -> String {
        do {
            return try TemplateExpander.expand(script, variables: variables)
        } catch {
            throw .template(message: error.message)
        }
    }
}

import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax

/// Answers SHOW, DESCRIBE and REGISTRY LIST from the provider definitions, with StackQL's column names.
struct Catalog {
    let registry: ProviderRegistry
    let defaultProvider: String?

    func show(_ show: ShowStatement) throws(RTKQLError) -> QueryResult {
        var result: QueryResult
        switch show.kind {
        case .providers:
            result = QueryResult(columns: ["name", "version"],
                                 rows: registry.providers.map { [.text($0.name), .text($0.version)] })
        case .services:
            let provider = try self.provider(show.target)
            result = QueryResult(columns: ["id", "name", "title"], rows: provider.services.map {
                [.text("\($0.name):\(provider.version)"), .text($0.name), .text($0.title)]
            })
        case .resources:
            let (provider, service) = try self.service(show.target)
            result = QueryResult(columns: ["name", "id", "description"], rows: service.resources.map {
                [.text($0.name), .text("\(provider.name).\(service.name).\($0.name)"), .text($0.description)]
            })
        case .methods:
            let resolved = try resource(show.target)
            if show.extended {
                result = QueryResult(columns: ["MethodName", "RequiredParams", "OptionalParams", "SQLVerb", "description"],
                                     rows: resolved.resource.methods.map {
                    [.text($0.name), .text($0.requiredInputs.joined(separator: ", ")),
                     .text($0.optionalInputs.joined(separator: ", ")), .text($0.sqlVerb.rawValue.uppercased()), .text($0.description)]
                })
            } else {
                result = QueryResult(columns: ["MethodName", "RequiredParams", "SQLVerb"], rows: resolved.resource.methods.map {
                    [.text($0.name), .text($0.requiredInputs.joined(separator: ", ")), .text($0.sqlVerb.rawValue.uppercased())]
                })
            }
        }
        if let pattern = show.like {
            result.rows = result.rows.filter { row in
                guard case .text(let name)? = row.first else { return false }
                return LikePattern.matches(name, pattern: pattern)
            }
        }
        return result
    }

    func describe(_ describe: DescribeStatement) throws(RTKQLError) -> QueryResult {
        let resolved = try resource(describe.resource)
        let fields = resolved.resource.fields
        // Parameter columns follow the fields, their type marked `parameter` (they are not part of `*`).
        let parameters = ParameterColumn.of(resolved.resource).map { column -> (String, String, String) in
            let definition = column.definition
            let type = definition.format.map { "\(definition.type.rawValue) (\($0))" } ?? definition.type.rawValue
            return (column.name, "\(type) parameter", definition.description)
        }
        if describe.extended {
            return QueryResult(columns: ["name", "type", "description"], rows: fields.map {
                [.text($0.name), .text($0.displayType), .text($0.description)]
            } + parameters.map { [.text($0.0), .text($0.1), .text($0.2)] })
        }
        return QueryResult(columns: ["name", "type"], rows: fields.map { [.text($0.name), .text($0.displayType)] }
            + parameters.map { [.text($0.0), .text($0.1)] })
    }

    func registryList() -> QueryResult {
        QueryResult(columns: ["provider", "version"], rows: registry.providers.map { [.text($0.name), .text($0.version)] },
                    notice: "providers are built into rtkql: nothing needs pulling")
    }

    private func provider(_ name: QualifiedName?) throws(RTKQLError) -> ProviderDefinition {
        let providerName = name?.parts.first?.value ?? defaultProvider
        guard let providerName else { throw .invalid(message: "name a provider: SHOW SERVICES IN cloudflare") }
        guard let provider = registry.provider(named: providerName) else {
            throw .invalid(message: "unknown provider \(providerName); known providers: \(registry.providers.map(\.name).joined(separator: ", "))")
        }
        return provider
    }

    private func service(_ name: QualifiedName?) throws(RTKQLError) -> (ProviderDefinition, ServiceDefinition) {
        var parts = name?.parts.map(\.value) ?? []
        if parts.count == 1, let defaultProvider, registry.provider(named: parts[0]) == nil { parts.insert(defaultProvider, at: 0) }
        guard parts.count == 2 else { throw .invalid(message: "name a service: SHOW RESOURCES IN cloudflare.realtime_kit") }
        let provider = try provider(QualifiedName([Identifier(parts[0])]))
        guard let service = provider.service(named: parts[1]) else {
            throw .invalid(message: "unknown service \(parts[0]).\(parts[1]); known services: "
                           + provider.services.map { "\(provider.name).\($0.name)" }.joined(separator: ", "))
        }
        return (provider, service)
    }

    private func resource(_ name: QualifiedName?) throws(RTKQLError) -> ResolvedResource {
        guard let name else { throw .invalid(message: "name a resource: SHOW METHODS IN cloudflare.realtime_kit.recordings") }
        let resolver = ResourceResolver(registry: registry, defaultProvider: defaultProvider)
        do {
            if let resolved = try resolver.resolve(name) { return resolved }
            throw resolver.unknownResource(name)
        } catch let error as PlanningError {
            throw .planning(error)
        } catch {
            throw .invalid(message: "\(error)")
        }
    }
}

/// SQL LIKE matching (case-insensitive ASCII, `%` and `_`), for SHOW ... LIKE.
enum LikePattern {
    static func matches(_ text: String, pattern: String) -> Bool {
        let t = Array(text.lowercased())
        let p = Array(pattern.lowercased())
        var memo = [Int: Bool]()
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (p.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if j == p.count {
                result = i == t.count
            } else if p[j] == "%" {
                result = match(i, j + 1) || (i < t.count && match(i + 1, j))
            } else if i < t.count && (p[j] == "_" || p[j] == t[i]) {
                result = match(i + 1, j + 1)
            } else {
                result = false
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

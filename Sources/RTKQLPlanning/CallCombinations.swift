import RTKQLProvider

/// Builds a method's calls from the values bound to its parameters: one call per combination.
public enum CallCombinations {
    /// A parameter's value as sent and as stored in the rows' parameter column.
    struct BoundValue {
        var value: ParameterValue
        var raw: RawValue
    }

    /// The calls for every combination of `perParameter`'s values (in order), capped at `limit`.
    static func calls(_ perParameter: [(String, [BoundValue])], method: MethodDefinition, limit: Int,
                      describe: () -> String) throws -> [MethodCall] {
        var combinations: [[String: BoundValue]] = [[:]]
        for (name, values) in perParameter {
            var next: [[String: BoundValue]] = []
            for combination in combinations {
                for value in values {
                    var extended = combination
                    extended[name] = value
                    next.append(extended)
                }
            }
            combinations = next
        }
        if combinations.count > limit {
            throw tooMany(combinations.count, limit: limit, what: describe())
        }
        var seen = Set<MethodCall>()
        return combinations.compactMap { combination in
            let call = makeCall(method, parameters: combination.mapValues(\.value), columnValues: combination.mapValues(\.raw))
            return seen.insert(call).inserted ? call : nil
        }
    }

    /// One call of `method`, paging through every page unless a page was asked for.
    static func makeCall(_ method: MethodDefinition, parameters: [String: ParameterValue], columnValues: [String: RawValue]) -> MethodCall {
        guard let pagination = method.pagination, parameters[pagination.pageParameter] == nil else {
            return MethodCall(parameters: parameters, pagination: nil, pageSize: 0, columnValues: columnValues)
        }
        var pageSize = pagination.pageSize
        if case .integer(let size)? = parameters[pagination.sizeParameter] { pageSize = Int(size) }
        return MethodCall(parameters: parameters, pagination: pagination, pageSize: pageSize, columnValues: columnValues)
    }

    /// The error for a statement that would send more than `limit` calls.
    static func tooMany(_ count: Int, limit: Int, what: String) -> PlanningError {
        PlanningError(.tooManyCalls(count: count, limit: limit),
                      "the statement would send \(count) calls of \(what), more than the limit of \(limit); "
                          + "narrow the values, or raise the limit with --max-calls \(count) (EngineConfiguration.maxCalls)")
    }

    /// The calls of a dependent reference once its drivers have run: each literal call crossed with each
    /// driver's distinct rows (`driverRows[d]` holds driver `d`'s rows, one value per bound parameter).
    /// Rows holding NULL, or a value the parameter cannot take, bind nothing (no row could match them).
    /// Chooses the listing alternative when there are more values than calling once per value is worth.
    public static func dependentCalls(of fetch: ResourceFetch, driverRows: [[[RawValue]]], limit: Int) throws -> (MethodDefinition, [MethodCall]) {
        let resource = fetch.resource.resource
        var options: [[String: BoundValue]] = [[:]]
        for (driver, rows) in zip(fetch.drivers, driverRows) {
            var values: [[String: BoundValue]] = []
            for row in rows {
                var bound: [String: BoundValue] = [:]
                for (name, raw) in zip(driver.parameters, row) {
                    guard raw != .null, let definition = resource.parameter(named: name),
                          let value = try? ParameterCoercion.coerce(raw, to: definition) else { bound = [:]; break }
                    bound[name] = BoundValue(value: value, raw: raw)
                }
                if bound.count == driver.parameters.count { values.append(bound) }
            }
            options = options.flatMap { option in values.map { option.merging($0) { first, _ in first } } }
        }
        var seen = Set<MethodCall>()
        var calls: [MethodCall] = []
        for base in fetch.calls {
            for option in options {
                var parameters = base.parameters
                var columnValues = base.columnValues
                for (name, bound) in option {
                    parameters[name] = bound.value
                    columnValues[name] = bound.raw
                }
                let call = makeCall(fetch.method, parameters: parameters, columnValues: columnValues)
                if seen.insert(call).inserted { calls.append(call) }
            }
        }
        if let alternative = fetch.listOnce, calls.count > alternative.perValueLimit {
            return (alternative.method, alternative.calls)
        }
        if calls.count > limit {
            let origins = fetch.drivers.map(\.origin).joined(separator: ", ")
            throw tooMany(calls.count, limit: limit, what: "\(fetch.resource.fullName).\(fetch.method.name) (one per distinct \(origins))")
        }
        return (fetch.method, calls)
    }
}

import RTKQLJSON
import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

/// The result of a mutation's requests: the RETURNING rows (or the outcome) of a single target, or one row
/// per target — the values that tell the targets apart, the outcome, HTTP status, error message and the
/// response's `status`, then the RETURNING columns — with failures reported in their rows, not thrown.
struct OperationReport {
    let resource: ResolvedResource
    let method: MethodDefinition
    let requests: [OperationRequest]
    /// The parameters or body properties whose values tell the targets apart (the report's first columns).
    let targetColumns: [String]
    /// Whether a single target is still reported as a row (not its RETURNING alone, nor its error thrown).
    let alwaysPerTarget: Bool

    /// The report of a REPLACE, UPDATE, DELETE or INSERT.
    init(_ plan: ReplacePlan) {
        resource = plan.resource
        method = plan.method
        requests = plan.requests
        targetColumns = [plan.targetParameter ?? plan.method.parameters.last { $0.in == .path }?.name ?? "target"]
        alwaysPerTarget = plan.targetParameter != nil
    }

    /// The report of an EXEC: per target (one per row of `FROM (query)`, named by its columns) when it has a source.
    init(_ plan: ExecPlan) {
        resource = plan.resource
        method = plan.method
        requests = plan.requests
        targetColumns = plan.sourceColumns ?? [plan.method.parameters.last { $0.in == .path }?.name ?? "target"]
        alwaysPerTarget = plan.sourceColumns != nil
    }

    /// The result for `outcomes` (one per request, in order), with `returning` evaluated over each response.
    func make(_ outcomes: [OperationOutcome], returning: [ResultColumn]?, text: String) throws(RTKQLError) -> QueryResult {
        let fields = resource.resource.fields
        let rowsPath = method.response.rows
        let returning = returning.map { ReturningEvaluator(fields: fields, returning: $0, text: text) }

        // One target: its error is the statement's error; its RETURNING is the result.
        if !alwaysPerTarget, outcomes.count == 1, let only = outcomes.first {
            let response: HTTPResponse
            switch only.result {
            case .failure(let error): throw error
            case .success(let success): response = success
            }
            let envelope = try parseEnvelope(response, request: only.request)
            if let returning { return try returning.evaluate(envelope, rowsPath: rowsPath) }
            return QueryResult(columns: defaultColumns, rows: [defaultRow(index: 0, outcome: only, envelope: envelope)])
        }

        // Several targets: one row each, failures included; RETURNING columns (named by evaluating the
        // list over an empty envelope) follow the outcome columns, NULL for the failed targets.
        let shape = try returning?.evaluate(.object([]), rowsPath: rowsPath)
        let columns = defaultColumns + (shape?.columns ?? [])
        let jsonColumns = Array(repeating: false, count: defaultColumns.count) + (shape?.jsonColumns ?? [])
        let blank = [SQLValue](repeating: .null, count: shape?.columns.count ?? 0)
        var rows: [[SQLValue]] = []
        var failures = 0
        for (index, outcome) in outcomes.enumerated() {
            var envelope: JSONValue?
            switch outcome.result {
            case .success(let response): envelope = try? parseEnvelope(response, request: outcome.request)
            case .failure: failures += 1
            }
            var row = defaultRow(index: index, outcome: outcome, envelope: envelope)
            if let returning {
                row += try envelope.map { envelope throws(RTKQLError) in try returning.evaluate(envelope, rowsPath: rowsPath) }?.rows.first ?? blank
            }
            rows.append(row)
        }
        var result = QueryResult(columns: columns, jsonColumns: jsonColumns, rows: rows)
        result.failures = failures
        if failures > 0 {
            result.warnings.append("\(failures) of \(outcomes.count) requests failed; see the outcome and message columns")
        }
        return result
    }

    private var defaultColumns: [String] { targetColumns + ["outcome", "http_status", "message", "status"] }

    private func defaultRow(index: Int, outcome: OperationOutcome, envelope: JSONValue?) -> [SQLValue] {
        let targets = targetColumns.map { requests[index].boundValue(named: $0).map(SQLValue.text) ?? .null }
        switch outcome.result {
        case .success(let response):
            let data = envelope?.value(at: method.response.rows)
            return targets + [.text("ok"), .integer(Int64(response.status)), .null, ResponseRow.sqlValue(data?["status"])]
        case .failure(let error):
            let status = error.httpStatus.map { SQLValue.integer(Int64($0)) } ?? .null
            let message: String
            if case .api(let api) = error { message = api.message } else { message = "\(error)" }
            return targets + [.text("error"), status, .text(message), .null]
        }
    }

    private func parseEnvelope(_ response: HTTPResponse, request: HTTPRequest) throws(RTKQLError) -> JSONValue {
        do {
            return try JSONValue.parse(response.bodyText.isEmpty ? "{}" : response.bodyText)
        } catch {
            throw .malformedResponse(request: "\(request.method) \(request.url)", message: "malformed JSON (\(error))")
        }
    }
}

extension OperationRequest {
    /// The value a request binds to `name`, a path or query parameter or a top-level body property, as text
    /// (a string unquoted, other JSON as written).
    func boundValue(named name: String) -> String? {
        if let value = parameters.first(where: { $0.key.lowercased() == name.lowercased() })?.value { return value.description }
        guard case .object(let members)? = body, let member = members.last(where: { $0.key.lowercased() == name.lowercased() }) else {
            return nil
        }
        if case .string(let text) = member.value { return text }
        return member.value.serialized
    }
}

// Soak: many queries in a loop against the sandbox with faults on (5xx, latency jitter), through the
// library. Every result must equal the fault-free answer; resident memory must stay flat.
//   swift run -c release rtkql-soak [QUERIES=10000] [FAIL_RATE=0.1]
import Foundation
import RTKQL
import RTKQLSandbox

func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

let arguments = Array(CommandLine.arguments.dropFirst())
let total = arguments.first.flatMap(Int.init) ?? 10_000
let failRate = arguments.dropFirst().first.flatMap(Double.init) ?? 0.1

var configuration = SandboxConfiguration()
configuration.recordingsPerApp = 250
configuration.failRate = failRate
configuration.jitterMs = 2
let server = try await SandboxServer.start(configuration)
var engineConfiguration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
engineConfiguration.retry.maximumRetries = 10
engineConfiguration.retry.initialBackoffSeconds = 0.001
engineConfiguration.rateBudget = RateBudget(requests: 1_000_000, windowSeconds: 1)
let engine = Engine(configuration: engineConfiguration)
let scope = "account_id = '\(configuration.accountID)' AND app_id = '\(configuration.appIDs[0])'"
let queries = [
    "SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings WHERE \(scope)",
    "SELECT status, count(*), sum(file_size) FROM cloudflare.realtime_kit.recordings WHERE \(scope) GROUP BY status ORDER BY status",
    "SELECT meeting->>'title', count(*) FROM cloudflare.realtime_kit.recordings WHERE \(scope) AND status IN ('UPLOADED', 'ERRORED') GROUP BY 1 ORDER BY 1",
    "SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(scope) AND page_no = 2 AND per_page = 50 ORDER BY id",
]
// The fault-free answers, from a second sandbox with the same seed and no faults.
var clean = configuration
clean.failRate = 0
let reference = try await SandboxServer.start(clean)
let referenceEngine = Engine(configuration: EngineConfiguration(baseURL: reference.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken)))
var expected: [[[SQLValue]]] = []
for query in queries { expected.append(try await referenceEngine.query(query).rows) }
await reference.stop()

var wrong = 0
var errors = 0
var requestCount = 0
var failures = 0
var memory: [Int] = []
let started = Date()
for index in 0..<total {
    let which = index % queries.count
    do {
        let result = try await engine.query(queries[which])
        if result.rows != expected[which] { wrong += 1 }
    } catch {
        errors += 1
    }
    if index % (total / 10 == 0 ? 1 : total / 10) == 0 {
        // The sandbox keeps every request in memory: count and drop them so the figures are rtkql's.
        let requests = await server.requests()
        requestCount += requests.count
        failures += requests.filter { $0.status >= 500 }.count
        await server.clearRequests()
        memory.append(residentKiB())
    }
}
let requests = await server.requests()
requestCount += requests.count
failures += requests.filter { $0.status >= 500 }.count
memory.append(residentKiB())
await server.stop()
print("soak: \(total) queries in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, \(requestCount) requests "
      + "(\(failures) answered 5xx and retried), \(wrong) wrong results, \(errors) errors")
print("soak: resident memory KiB at each tenth: \(memory.map(String.init).joined(separator: " "))")
exit(wrong == 0 && errors == 0 ? 0 : 1)

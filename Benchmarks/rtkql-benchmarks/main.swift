// In-process benchmarks (release build): the parser alone, and the materializer alone (page bytes →
// SQLite rows). Run with `make bench`, or:
//   swift run -c release rtkql-benchmarks [RECORDINGS] [parser|materializer]  (default: both)
import Foundation
@_spi(Benchmarks) import RTKQL
import RTKQLProvider
import RTKQLSandbox
import RTKQLStorage
import RTKQLSyntax
import RTKQLTransport

func measure(_ label: String, runs: Int = 11, _ body: () async throws -> Int) async rethrows -> Double {
    var rates: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        let count = try await body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(count) / seconds)
    }
    rates.sort()
    let median = rates[rates.count / 2]
    print("\(label): median \(Int(median)) per second over \(runs) runs")
    return median
}

let recordings = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 16_000
let only = CommandLine.arguments.dropFirst(2).first
let seedSelect = """
    SELECT id, session_id, output_file_name, audio_download_url, download_url, download_url_expiry, file_size,
    invoked_time, meeting, recording_duration, started_time, status, stopped_time, storage_config
    FROM cloudflare.realtime_kit.recordings
    WHERE account_id = 'c0ffee00c0ffee00c0ffee00c0ffee00' -- required
    AND app_id = 'a11ce000-0000-4000-8000-000000000001' -- required
    AND meeting_id = 'm' AND page_no = '1' AND per_page = '100' AND expired = 'false' AND search = 'standup'
    AND sort_by = 'invokedTime' AND sort_order = 'DESC' AND start_time = '2026-01-01T00:00:00Z'
    AND end_time = '2026-12-31T00:00:00Z' AND status = 'UPLOADED';
    """
if only != "materializer" {
_ = await measure("parser (seed-sized SELECT statements)") {
    let count = 20_000
    for _ in 0..<count { _ = try! SQLParser.parse(seedSelect) }
    return count
}
}
guard only != "parser" else { exit(0) }

// Page bytes exactly as the sandbox serves them.
var configuration = SandboxConfiguration()
configuration.recordingsPerApp = recordings
let server = try await SandboxServer.start(configuration)
let client = HTTPClient()
var pages: [[UInt8]] = []
for page in 1...((recordings + 99) / 100) {
    let url = "\(server.baseURL)/accounts/\(configuration.accountID)/realtime/kit/\(configuration.appIDs[0])/recordings?page_no=\(page)&per_page=100"
    let response = try await client.send(HTTPRequest(method: "GET", url: url, headers: [HTTPHeader("Authorization", "Bearer \(SandboxConfiguration.demoToken)")]))
    pages.append(response.body)
}
await server.stop()
let bytes = pages.reduce(0) { $0 + $1.count }
print("materializer input: \(pages.count) pages, \(bytes / 1_048_576) MiB")
let resource = ProviderRegistry.bundled.resolve(["cloudflare", "realtime_kit", "recordings"])!.resource
let materializer = RowMaterializer(resource: resource)
_ = try await measure("materializer, all 14 fields (recordings from page bytes into SQLite)") {
    let database = try ScratchDatabase.open()
    return try await materializer.load(pages, into: database, table: "recordings")
}
// The fields `SELECT status, COUNT(*), SUM(file_size) ... GROUP BY status` reads: all the engine loads for it.
let narrow = RowMaterializer(resource: resource, loading: ["file_size", "status"])
_ = try await measure("materializer, 2 fields (the GROUP BY status query's)") {
    let database = try ScratchDatabase.open()
    return try await narrow.load(pages, into: database, table: "recordings")
}
_ = try await measure("materializer, all 14 fields, one page at a time (decode, then insert: 1 core)") {
    let database = try ScratchDatabase.open()
    return try await materializer.load(pages, into: database, table: "recordings", concurrency: 1)
}
_ = try await measure("JSON scan alone, all 14 fields (no SQLite)") {
    try materializer.scan(pages)
}

// The release smoke (part of `make test`): the engine built optimised (-O, whole-module), end to end against
// its own sandbox over loopback HTTP. Concurrent paging must return every row exactly once, and a
// set-based REPLACE must report each target once. The tests run on the debug build; optimised builds
// have mis-compiled concurrent code before (see ResourceLoader), so this guards what users run.
//   swift build -c release --product rtkql-release-smoke && .build/release/rtkql-release-smoke
import Foundation
import RTKQL
import RTKQLSandbox

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("release smoke: \(message)\n".utf8))
    exit(1)
}

var configuration = SandboxConfiguration()
configuration.recordingsPerApp = 5_000
let server = try await SandboxServer.start(configuration)
var engineConfiguration = EngineConfiguration(baseURL: server.baseURL, credentials: .bearer(token: SandboxConfiguration.demoToken))
engineConfiguration.rateBudget = RateBudget(requests: 1_000_000, windowSeconds: 1)
let engine = Engine(configuration: engineConfiguration)
let scope = "account_id = '\(configuration.accountID)' AND app_id = '\(configuration.appIDs[0])'"

let counts = try await engine.query("SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings WHERE \(scope)")
guard counts.rows == [[.integer(5_000), .integer(5_000)]] else { fail("paging returned \(counts.rows), expected 5000 rows, each once") }

let active = "SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(scope) AND status IN ('RECORDING', 'PAUSED')"
let expected = try await engine.query(active + " ORDER BY id").rows.compactMap { $0.first?.textValue }
guard !expected.isEmpty else { fail("the sandbox has no active recording to stop") }
let stopped = try await engine.query("REPLACE cloudflare.realtime_kit.recordings SET action = 'stop' WHERE \(scope) AND recording_id IN (\(active))")
let reported = stopped.rows.compactMap { $0.first?.textValue }.sorted()
guard reported == expected else { fail("REPLACE reported \(reported.count) targets, other than the \(expected.count) selected") }
guard stopped.rows.allSatisfy({ $0[1] == .text("ok") }) else { fail("a stop failed: \(stopped.rows)") }

await server.stop()
print("release smoke: 5000 rows paged exactly once; \(expected.count) recordings stopped, each reported once")

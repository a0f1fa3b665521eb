import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// rtkql must return exactly what SQLite returns for the same SQL over the same rows.
/// `{R}` stands for the resource (rtkql) or the plain table (reference); `{P}` for the
/// parameter predicates (rtkql) or `1` (reference).
@Suite(.serialized) struct DifferentialTests {
    static let queries: [String] = [
        "SELECT * FROM {R} WHERE {P} ORDER BY id",
        "SELECT id, status FROM {R} WHERE {P} ORDER BY invoked_time DESC, id LIMIT 10",
        "SELECT id FROM {R} WHERE {P} ORDER BY id LIMIT 5 OFFSET 7",
        "SELECT status, COUNT(*), SUM(file_size) FROM {R} WHERE {P} GROUP BY status ORDER BY status",
        "SELECT status, count(*) AS n FROM {R} WHERE {P} GROUP BY status HAVING n > 5 ORDER BY n DESC, status",
        "SELECT meeting->>'title' AS title, count(*) FROM {R} WHERE {P} GROUP BY title ORDER BY title",
        "SELECT json_extract(meeting, '$.id') AS m, max(recording_duration) FROM {R} WHERE {P} GROUP BY m ORDER BY m",
        "SELECT meeting->'recording_config' FROM {R} WHERE {P} ORDER BY id LIMIT 3",
        "SELECT id FROM {R} WHERE {P} AND status = 'UPLOADED' AND file_size > 100000000 ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND (status = 'ERRORED' OR recording_duration < 120) ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND NOT status = 'UPLOADED' ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND status IN ('PAUSED', 'RECORDING', 'INVOKED') ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND stopped_time IS NULL ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND download_url IS NOT NULL ORDER BY id LIMIT 20",
        "SELECT id FROM {R} WHERE {P} AND output_file_name LIKE '%standup%' ORDER BY id",
        "SELECT count(*) FROM {R} WHERE {P} AND storage_config IS NOT NULL",
        "SELECT storage_config->>'type' AS t, count(*) FROM {R} WHERE {P} GROUP BY t ORDER BY t",
        "SELECT substr(invoked_time, 1, 7) AS month, count(*), round(avg(recording_duration), 2) FROM {R} WHERE {P} GROUP BY month ORDER BY month",
        "SELECT min(invoked_time), max(invoked_time) FROM {R} WHERE {P}",
        "SELECT typeof(file_size), typeof(recording_duration), typeof(meeting) FROM {R} WHERE {P} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT upper(status), lower(id) FROM {R} WHERE {P} ORDER BY 2 LIMIT 4",
        "SELECT id, file_size / 1048576.0 AS mib FROM {R} WHERE {P} ORDER BY mib DESC, id LIMIT 5",
        "SELECT count(DISTINCT session_id), count(DISTINCT meeting->>'id') FROM {R} WHERE {P}",
        "SELECT status, group_concat(id, ',') FROM (SELECT status, id FROM {R} WHERE {P} ORDER BY id) GROUP BY status ORDER BY status",
        "SELECT id FROM {R} WHERE {P} AND invoked_time BETWEEN '2026-03-01' AND '2026-06-01' ORDER BY id",
        "SELECT CASE WHEN recording_duration > 1800 THEN 'long' ELSE 'short' END AS kind, count(*) FROM {R} WHERE {P} GROUP BY kind ORDER BY kind",
        "SELECT id FROM {R} WHERE {P} AND audio_download_url IS NOT NULL ORDER BY id",
        "SELECT meeting->>'status', count(*) FROM {R} WHERE {P} GROUP BY 1 ORDER BY 1",
        "SELECT r.id, r.status FROM {R} AS r WHERE {P} AND r.status = 'PAUSED' ORDER BY r.id",
        "SELECT total(file_size), sum(recording_duration) FROM {R} WHERE {P} AND status <> 'UPLOADED'",
    ]

    @Test func rtkqlMatchesSQLiteOverTheSameRows() async throws {
        let fixture = try await SandboxFixture.start(recordings: 240)
        defer { Task { await fixture.server.stop() } }
        let reference = try await ReferenceTable.load(baseURL: fixture.server.baseURL, token: SandboxConfiguration.demoToken,
                                                      account: fixture.account, app: fixture.app)
        for template in DifferentialTests.queries {
            let rtkqlSQL = template.replacingOccurrences(of: "{R}", with: "cloudflare.realtime_kit.recordings")
                .replacingOccurrences(of: "{P}", with: fixture.scope)
            let referenceSQL = template.replacingOccurrences(of: "{R}", with: "recordings").replacingOccurrences(of: "{P}", with: "1")
            let expected = try reference.rows(referenceSQL)
            let actual = try await fixture.engine.query(rtkqlSQL)
            #expect(actual.rows == expected, "\(template)")
            #expect(!expected.isEmpty, "query returns no rows, so it checks little: \(template)")
        }
    }
}

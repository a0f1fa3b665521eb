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
        // Joins, subqueries, CTEs, compounds, windows.
        "SELECT a.id, b.id FROM {R} a JOIN {R} b ON a.session_id = b.session_id WHERE {PA} AND {PB} ORDER BY 1, 2 LIMIT 20",
        "SELECT a.status, count(b.id) FROM {R} a LEFT JOIN {R} b ON b.meeting->>'id' = a.meeting->>'id' AND b.status = 'ERRORED' AND {PB} WHERE {PA} GROUP BY a.status ORDER BY a.status",
        "SELECT count(*) FROM {R} a, {R} b WHERE {PA} AND {PB} AND a.id < b.id AND a.meeting->>'id' = b.meeting->>'id'",
        "WITH m AS (SELECT meeting->>'id' AS mid, count(*) AS n FROM {R} WHERE {P} GROUP BY mid) SELECT max(n), min(n), count(*) FROM m",
        "WITH big AS (SELECT id, file_size FROM {R} WHERE {P} AND file_size > 0) SELECT count(*), avg(file_size) FROM big",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x, (SELECT count(*) FROM {R} WHERE {P} AND recording_duration > x * 600) FROM n",
        "SELECT id FROM {R} WHERE {P} AND file_size > (SELECT avg(file_size) FROM {R} WHERE {P}) ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND meeting->>'id' IN (SELECT meeting->>'id' FROM {R} WHERE {P} AND status = 'ERRORED') ORDER BY id",
        "SELECT id FROM {R} r WHERE {P} AND EXISTS (SELECT 1 FROM {R} x WHERE {PX} AND x.meeting->>'id' = r.meeting->>'id' AND x.id <> r.id) ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND status = 'ERRORED' UNION SELECT id FROM {R} WHERE {P} AND status = 'PAUSED' ORDER BY 1",
        "SELECT status FROM {R} WHERE {P} INTERSECT SELECT status FROM {R} WHERE {P} AND file_size > 0 ORDER BY 1",
        "SELECT status FROM {R} WHERE {P} EXCEPT SELECT status FROM {R} WHERE {P} AND status = 'UPLOADED' ORDER BY 1",
        "SELECT id, row_number() OVER (ORDER BY invoked_time, id) FROM {R} WHERE {P} ORDER BY 2 LIMIT 10",
        "SELECT id, rank() OVER (PARTITION BY status ORDER BY file_size DESC) AS r FROM {R} WHERE {P} ORDER BY status, r, id LIMIT 30",
        "SELECT status, id, sum(file_size) OVER (PARTITION BY status ORDER BY invoked_time ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM {R} WHERE {P} ORDER BY status, invoked_time, id LIMIT 40",
        "SELECT id, lag(id) OVER w, lead(status) OVER w FROM {R} WHERE {P} WINDOW w AS (ORDER BY invoked_time, id) ORDER BY invoked_time, id LIMIT 15",
        "SELECT DISTINCT meeting->>'title' FROM {R} WHERE {P} ORDER BY 1",
        "SELECT count(*) FILTER (WHERE status = 'UPLOADED'), count(*) FILTER (WHERE file_size = 0) FROM {R} WHERE {P}",
        "SELECT id FROM {R} WHERE {P} AND status GLOB 'UP*' ORDER BY id LIMIT 10",
        "SELECT id FROM {R} WHERE {P} AND output_file_name LIKE '%!_%' ESCAPE '!' ORDER BY id LIMIT 5",
        "SELECT id FROM {R} WHERE {P} AND status = 'uploaded' COLLATE NOCASE ORDER BY id LIMIT 5",
        "SELECT CAST(file_size AS TEXT), CAST(recording_duration AS REAL) FROM {R} WHERE {P} ORDER BY id LIMIT 5",
        "SELECT coalesce(stopped_time, 'running'), ifnull(audio_download_url, '-') FROM {R} WHERE {P} ORDER BY id LIMIT 10",
        "SELECT nullif(status, 'UPLOADED'), iif(file_size > 0, 'data', 'empty') FROM {R} WHERE {P} ORDER BY id LIMIT 10",
        "SELECT length(id), hex(substr(id, 1, 2)), instr(output_file_name, '_') FROM {R} WHERE {P} ORDER BY id LIMIT 5",
        "SELECT replace(output_file_name, '.mp4', ''), trim(status) FROM {R} WHERE {P} ORDER BY id LIMIT 5",
        "SELECT strftime('%Y-%m', invoked_time) AS m, count(*) FROM {R} WHERE {P} GROUP BY m ORDER BY m",
        "SELECT date(invoked_time), time(invoked_time) FROM {R} WHERE {P} ORDER BY id LIMIT 5",
        "SELECT julianday(stopped_time) - julianday(started_time) FROM {R} WHERE {P} AND stopped_time IS NOT NULL ORDER BY id LIMIT 5",
        "SELECT (julianday(download_url_expiry) > julianday('2026-06-01')) AS live, count(*) FROM {R} WHERE {P} GROUP BY live ORDER BY live",
        "SELECT json_extract(meeting, '$.recording_config.max_seconds'), count(*) FROM {R} WHERE {P} GROUP BY 1 ORDER BY 1",
        "SELECT json_type(meeting, '$.recording_config'), json_valid(meeting) FROM {R} WHERE {P} ORDER BY id LIMIT 3",
        "SELECT key, count(*) FROM {R}, json_each(recordings.meeting) WHERE {P} GROUP BY key ORDER BY key",
        "SELECT j.key FROM {R} r, json_each(r.meeting) j WHERE {P} AND r.id = (SELECT min(id) FROM {R} WHERE {P}) ORDER BY j.key",
        "SELECT json_group_array(id) FROM (SELECT id FROM {R} WHERE {P} ORDER BY id LIMIT 3)",
        "SELECT json_object('id', id, 'status', status) FROM {R} WHERE {P} ORDER BY id LIMIT 3",
        "SELECT meeting->'recording_config'->>'max_seconds' FROM {R} WHERE {P} ORDER BY id LIMIT 3",
        "SELECT storage_config->>'$.bucket', storage_config->>'region' FROM {R} WHERE {P} AND storage_config IS NOT NULL ORDER BY id LIMIT 5",
        "SELECT meeting->>'record_on_start', count(*) FROM {R} WHERE {P} GROUP BY 1 ORDER BY 1",
        "SELECT count(*) FROM {R} WHERE {P} AND meeting->>'status' = 'ACTIVE' AND status IN ('RECORDING', 'PAUSED')",
        "SELECT status, max(file_size) - min(file_size) FROM {R} WHERE {P} GROUP BY status ORDER BY status",
        "SELECT status, printf('%.2f', avg(recording_duration) / 60.0) FROM {R} WHERE {P} GROUP BY status ORDER BY status",
        "SELECT sum(file_size) / 1073741824.0 AS gib FROM {R} WHERE {P}",
        "SELECT file_size % 7, count(*) FROM {R} WHERE {P} GROUP BY 1 ORDER BY 1",
        "SELECT recording_duration / 600 * 10 AS bucket, count(*) FROM {R} WHERE {P} GROUP BY bucket ORDER BY bucket",
        "SELECT -file_size, ~recording_duration, file_size & 255, recording_duration | 1, recording_duration << 1 FROM {R} WHERE {P} ORDER BY id LIMIT 5",
        "SELECT id || '/' || status FROM {R} WHERE {P} ORDER BY 1 LIMIT 5",
        "SELECT id FROM {R} WHERE {P} AND NOT (status = 'UPLOADED' OR status = 'ERRORED') ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND file_size NOT BETWEEN 1 AND 500000000 ORDER BY id LIMIT 20",
        "SELECT id FROM {R} WHERE {P} AND status NOT IN ('UPLOADED') ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND stopped_time ISNULL ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND download_url NOTNULL ORDER BY id LIMIT 5",
        "SELECT id FROM {R} WHERE {P} AND audio_download_url IS NOT DISTINCT FROM NULL ORDER BY id LIMIT 5",
        "SELECT id FROM {R} WHERE {P} ORDER BY file_size DESC NULLS LAST, id LIMIT 5",
        "SELECT id FROM {R} WHERE {P} ORDER BY stopped_time NULLS FIRST, id LIMIT 5",
        "SELECT id FROM {R} WHERE {P} ORDER BY id LIMIT 3, 4",
        "SELECT id FROM {R} WHERE {P} ORDER BY id DESC LIMIT (SELECT 2 + 1)",
        "SELECT * FROM (SELECT status, count(*) AS n FROM {R} WHERE {P} GROUP BY status) WHERE n > 2 ORDER BY n",
        "SELECT s.status, s.n, t.total FROM (SELECT status, count(*) n FROM {R} WHERE {P} GROUP BY status) s, (SELECT count(*) total FROM {R} WHERE {P}) t ORDER BY s.status",
        "SELECT status, count(*) * 100.0 / (SELECT count(*) FROM {R} WHERE {P}) FROM {R} WHERE {P} GROUP BY status ORDER BY status",
        "SELECT (SELECT count(*) FROM {R} WHERE {P} AND status = 'UPLOADED') > (SELECT count(*) FROM {R} WHERE {P} AND status = 'ERRORED')",
        "SELECT r.id FROM {R} r WHERE r.account_id = '{ACCOUNT}' AND r.app_id = '{APP}' AND r.status = 'PAUSED' ORDER BY r.id",
        "SELECT \"status\", [id] FROM {R} WHERE {P} ORDER BY [id] LIMIT 3",
        "SELECT id FROM {R} WHERE {P} AND status IS 'PAUSED' ORDER BY id",
        "SELECT id FROM {R} WHERE {P} AND status == 'ERRORED' AND file_size != 1 ORDER BY id",
        "SELECT count(*) FROM {R} WHERE {P} AND invoked_time >= '2026-05-01' AND invoked_time < '2026-07-01'",
        "SELECT count(*) FROM {R} WHERE {P} AND started_time > invoked_time",
        "SELECT total(recording_duration) / count(*) FROM {R} WHERE {P} AND status = 'UPLOADED'",
        "SELECT group_concat(DISTINCT status) FROM (SELECT status FROM {R} WHERE {P} ORDER BY status)",
        "SELECT max(length(meeting)) > 100 FROM {R} WHERE {P}",
        "SELECT id, CASE status WHEN 'UPLOADED' THEN 1 WHEN 'ERRORED' THEN -1 ELSE 0 END FROM {R} WHERE {P} ORDER BY id LIMIT 10",
        "SELECT count(*) FROM {R} WHERE {P} AND (status, file_size > 0) = ('UPLOADED', 1)",
        "SELECT id FROM {R} WHERE {P} AND id IN (SELECT id FROM {R} WHERE {P} ORDER BY file_size DESC LIMIT 3) ORDER BY id",
        "VALUES ((SELECT count(*) FROM {R} WHERE {P}))",
    ]

    @Test func thereAreAtLeastAHundredQueries() {
        #expect(DifferentialTests.queries.count >= 100)
    }

    @Test func rtkqlMatchesSQLiteOverTheSameRows() async throws {
        let fixture = try await SandboxFixture.start(recordings: 240)
        defer { Task { await fixture.server.stop() } }
        let reference = try await ReferenceTable.load(baseURL: fixture.server.baseURL, token: SandboxConfiguration.demoToken,
                                                      account: fixture.account, app: fixture.app)
        for template in DifferentialTests.queries {
            var rtkqlSQL = template.replacingOccurrences(of: "{R}", with: "cloudflare.realtime_kit.recordings")
                .replacingOccurrences(of: "{P}", with: fixture.scope)
            for alias in ["a", "b", "x"] {
                rtkqlSQL = rtkqlSQL.replacingOccurrences(of: "{P\(alias.uppercased())}",
                                                         with: "\(alias).account_id = '\(fixture.account)' AND \(alias).app_id = '\(fixture.app)'")
            }
            rtkqlSQL = rtkqlSQL.replacingOccurrences(of: "{ACCOUNT}", with: fixture.account).replacingOccurrences(of: "{APP}", with: fixture.app)
            var referenceSQL = template.replacingOccurrences(of: "{R}", with: "recordings").replacingOccurrences(of: "{P}", with: "1")
            for alias in ["A", "B", "X"] { referenceSQL = referenceSQL.replacingOccurrences(of: "{P\(alias)}", with: "1") }
            referenceSQL = referenceSQL.replacingOccurrences(of: "r.account_id = '{ACCOUNT}' AND r.app_id = '{APP}'", with: "1")
            let expected = try reference.rows(referenceSQL)
            let actual = try await fixture.engine.query(rtkqlSQL)
            #expect(actual.rows == expected, "\(template)")
            #expect(!expected.isEmpty, "query returns no rows, so it checks little: \(template)")
        }
    }
}

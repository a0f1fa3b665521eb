import Testing

/// The simple query protocol over a real loopback connection: rows and their types, errors with SQLSTATE
/// codes and positions, client chatter, and the catalog queries psql sends.
@Suite struct SimpleQueryTests {
    @Test func selectSendsTypedColumnsAndRows() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let messages = try await client.query("""
                SELECT id, invoked_time, recording_duration, file_size, meeting, status IS NOT NULL AS known
                FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) ORDER BY invoked_time LIMIT 2
                """)
            #expect(messages.types == "TDDCZ")
            let columns = messages[0].columns
            #expect(columns.map(\.name) == ["id", "invoked_time", "recording_duration", "file_size", "meeting", "known"])
            #expect(columns.map(\.oid) == [25, 1184, 20, 1700, 114, 20])
            #expect(messages.rows[0][0] == "648660a0-5830-47e3-a1b3-24b2ee8d1bc9")
            #expect(messages.rows[0][1] == "2026-01-01 06:18:22.000+00")
            #expect(messages.rows[0][2] == "4973")
            #expect(messages.rows[0][3] == "1020772899")
            #expect(messages.first { $0.type == "C" }?.tag == "SELECT 2")
            await client.close()
        }
    }

    @Test func syntaxErrorHasCodeAndPositionAndTheNextQueryRuns() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let failed = try await client.query("SELECT 1 FROM")
            #expect(failed.types == "EZ")
            #expect(failed.error?["C"] == "42601")
            #expect(failed.error?["M"]?.hasPrefix("syntax error at 1:14: ") == true)
            #expect(failed.error?["P"] == "14")
            let good = try await client.query("SELECT 6 * 7 AS answer")
            #expect(good.rows == [["42"]])
            #expect(good[0].columns.map(\.oid) == [20])
            await client.close()
        }
    }

    @Test func unknownTableAndColumnHaveTheirCodes() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let table = try await client.query("SELECT * FROM cloudflare.realtime_kit.nothing WHERE \(fixture.scope)")
            #expect(table.error?["C"] == "42P01")
            let column = try await client.query("SELECT nope FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope)")
            #expect(column.error?["C"] == "42703")
            #expect(column.error?["M"] == "no such column: nope")
            await client.close()
        }
    }

    @Test func scriptStopsAtTheFirstFailingStatement() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let messages = try await client.query("SELECT 1; SELECT nope(); SELECT 3")
            #expect(messages.types == "TDCEZ")
            #expect(messages.error?["C"] == "42883")
            #expect(try await client.query("").types == "IZ")
            await client.close()
        }
    }

    @Test func clientChatterIsAnswered() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            #expect(try await client.query("SHOW server_version").rows == [["15.0 (rtkql)"]])
            #expect(try await client.query("SHOW standard_conforming_strings").rows == [["on"]])
            #expect(try await client.query("SHOW transaction_isolation").rows == [["read committed"]])
            let set = try await client.query("SET application_name = 'dashboards'")
            #expect(set.types == "SCZ")
            #expect(try await client.query("SHOW application_name").rows == [["dashboards"]])
            let begin = try await client.query("BEGIN")
            #expect(begin.last?.body.getInteger(at: 0, as: UInt8.self) == UInt8(ascii: "T"))
            #expect(try await client.query("SELECT nope()").last?.body.getInteger(at: 0, as: UInt8.self) == UInt8(ascii: "E"))
            #expect(try await client.query("SELECT 1").error?["C"] == "25P02")
            let rollback = try await client.query("ROLLBACK")
            #expect(rollback.first?.tag == "ROLLBACK")
            #expect(rollback.last?.body.getInteger(at: 0, as: UInt8.self) == UInt8(ascii: "I"))
            #expect(try await client.query("SELECT version()").rows[0][0]?.hasPrefix("PostgreSQL 15.0 (rtkql)") == true)
            #expect(try await client.query("SHOW nonsense").error?["C"] == "42704")
            #expect(try await client.query("SELECT current_user").rows == [["rtkql"]])
            await client.close()
        }
    }

    @Test func psqlCatalogQueriesListResourcesAndFields() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let tables = try await client.query("""
                SELECT n.nspname as "Schema", c.relname as "Name",
                  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' END as "Type",
                  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
                FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r','p','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast'
                ORDER BY 1,2;
                """)
            // Every resource is a table, in name order; recordings is the 18th.
            #expect(tables.rows.count == 27)
            #expect(tables.rows[17] == ["realtime_kit", "recordings", "table", "rtkql"])
            let lookup = try await client.query("""
                SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c
                LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname OPERATOR(pg_catalog.~) '^(recordings)$' COLLATE pg_catalog.default
                AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3;
                """)
            #expect(lookup.rows == [["16401", "realtime_kit", "recordings"]])
            let columns = try await client.query("""
                SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull
                FROM pg_catalog.pg_attribute a WHERE a.attrelid = '16401' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
                """)
            #expect(columns.rows.count == 14)
            #expect(columns.rows[7] == ["invoked_time", "timestamp with time zone", "f"])
            #expect(columns.rows[8] == ["meeting", "json", "f"])
            let grafanaTables = try await client.query("""
                SELECT quote_ident(table_name) AS "table" FROM information_schema.tables
                WHERE quote_ident(table_schema) NOT IN ('information_schema', 'pg_catalog') ORDER BY table_name
                """)
            #expect(grafanaTables.rows.count == 27)
            #expect(grafanaTables.rows.contains(["recordings"]) && grafanaTables.rows.contains(["kit_meetings"]))
            let informationColumns = try await client.query("""
                SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'recordings' LIMIT 2
                """)
            #expect(informationColumns.rows == [["id", "text"], ["session_id", "text"]])
            let none = try await client.query("SELECT pol.polname FROM pg_catalog.pg_policy pol WHERE pol.polrelid = '16401'")
            #expect(none.types == "TCZ")
            await client.close()
        }
    }
}

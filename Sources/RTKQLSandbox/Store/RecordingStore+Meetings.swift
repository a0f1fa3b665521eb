import RTKQLStorage

/// Meetings: kept beside the recordings that embed them, so a changed meeting shows in its recordings.
extension RecordingStore {
    /// Caches what recordings embed of a meeting (its JSON and title).
    func remember(_ meeting: MeetingRow) {
        meetingJSON[meeting.appID + "/" + meeting.id] = meeting.json
        meetingTitles[meeting.appID + "/" + meeting.id] = meeting.title
    }

    /// An app's meetings, newest first (`created_at DESC, id`).
    func meetings(appID: String) throws -> [MeetingRow] {
        let statement = try database.prepare(
            "SELECT \(MeetingRow.columns) FROM meetings WHERE app_id = ? ORDER BY created_at DESC, id")
        try statement.bind([.text(appID)])
        var rows: [MeetingRow] = []
        while try statement.step() { rows.append(MeetingRow(statement: statement)) }
        return rows
    }

    /// One meeting, or 404.
    func meeting(appID: String, id: String) throws -> MeetingRow {
        let statement = try database.prepare("SELECT \(MeetingRow.columns) FROM meetings WHERE app_id = ? AND id = ?")
        try statement.bind([.text(appID), .text(id.lowercased())])
        guard try statement.step() else { throw APIError.notFound("meeting \(id) not found") }
        return MeetingRow(statement: statement)
    }

    /// Stores a new or changed meeting; the recordings that embed it show the change.
    func save(_ meeting: MeetingRow) throws {
        try database.transaction {
            try database.execute("DELETE FROM meetings WHERE app_id = ? AND id = ?", [.text(meeting.appID), .text(meeting.id)])
            try database.execute(Schema.insertMeeting, meeting.insertValues)
        }
        remember(meeting)
        listIndexes[meeting.appID] = nil
    }

    /// Adds an app (created with `POST /apps`) to the account: it starts empty.
    func addApp(accountID: String, appID: String) throws {
        try database.execute("INSERT OR IGNORE INTO apps (account_id, app_id) VALUES (?, ?)", [.text(accountID), .text(appID)])
        accounts.insert(accountID)
        apps.insert(accountID + "/" + appID)
    }

    /// Recordings per day (UTC) invoked between `from` and `to` (inclusive): day, count, recorded minutes.
    func recordingDays(appID: String, from: Millis, to: Millis) throws -> [(day: String, count: Int, minutes: Int)] {
        let rows = try database.rows("""
            SELECT strftime('%Y-%m-%d', invoked_time / 1000, 'unixepoch') AS day, count(*), sum(recording_duration)
            FROM recordings WHERE app_id = ? AND invoked_time BETWEEN ? AND ? GROUP BY day ORDER BY day
            """, [.text(appID), .integer(from), .integer(to)])
        return rows.map { row in
            (row[0].textValue ?? "", Int(row[1].integerValue ?? 0), Int((row[2].integerValue ?? 0) / 60))
        }
    }

    /// What the sessions are made from: every recording's session, meeting, times and status.
    func sessionSources(appID: String) throws -> [RecordingRow] {
        let statement = try database.prepare(
            "SELECT \(Schema.recordingColumns) FROM recordings r WHERE r.app_id = ? ORDER BY r.invoked_time, r.id")
        try statement.bind([.text(appID)])
        var rows: [RecordingRow] = []
        while try statement.step() { rows.append(RecordingRow(statement: statement)) }
        return rows
    }

    /// The account of every app, in the order the apps table holds them.
    func appList() throws -> [(accountID: String, appID: String)] {
        try database.rows("SELECT account_id, app_id FROM apps ORDER BY rowid").map {
            ($0[0].textValue ?? "", $0[1].textValue ?? "")
        }
    }
}

import RTKQLStorage

/// Owns the SQLite database: every read and write of sandbox state goes through this actor, one at a time,
/// so concurrent requests can never interleave inside a transition.
actor RecordingStore {
    let database: Database
    let uploadDelayMs: Int64
    var accounts: Set<String> = []
    var apps: Set<String> = []
    /// Meeting JSON by "app/meeting": meetings never change once seeded.
    var meetingJSON: [String: String] = [:]
    var meetingTitles: [String: String] = [:]
    /// Each listed app's recordings in list order, rendered; dropped when one of them changes.
    var listIndexes: [String: ListIndex] = [:]

    init(configuration: SandboxConfiguration) throws {
        if let path = configuration.dataPath {
            database = try Database(.file(path))
            try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        } else {
            database = try Database(.memory)
        }
        uploadDelayMs = Int64(max(0, configuration.uploadDelayMs))
        try database.execute(Schema.create)
        for (table, column, statement) in Schema.migrations {
            let present = try database.scalar("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?",
                                              [.text(table), .text(column)])
            if present?.integerValue ?? 0 == 0 { try database.execute(statement) }
        }
        try RecordingStore.seedMissingApps(database, configuration)
        for row in try database.rows("SELECT account_id, app_id FROM apps") {
            let account = row[0].textValue ?? ""
            accounts.insert(account)
            apps.insert(account + "/" + (row[1].textValue ?? ""))
        }
        let statement = try database.prepare("SELECT \(MeetingRow.columns) FROM meetings")
        while try statement.step() {
            let meeting = MeetingRow(statement: statement)
            meetingJSON[meeting.appID + "/" + meeting.id] = meeting.json
            meetingTitles[meeting.appID + "/" + meeting.id] = meeting.title
        }
    }

    /// Seeds every configured app that the database does not hold yet, in one transaction.
    private static func seedMissingApps(_ database: Database, _ configuration: SandboxConfiguration) throws {
        try database.transaction {
            let insertApp = try database.prepare("INSERT INTO apps (account_id, app_id) VALUES (?, ?)")
            let insertMeeting = try database.prepare(Schema.insertMeeting)
            let insertRecording = try database.prepare(Schema.insertRecording)
            for appID in configuration.appIDs {
                let known = try database.scalar(
                    "SELECT count(*) FROM apps WHERE account_id = ? AND app_id = ?",
                    [.text(configuration.accountID), .text(appID)])
                if known?.integerValue ?? 0 > 0 { continue }
                try run(insertApp, [.text(configuration.accountID), .text(appID)])
                let data = DemoData(appID: appID, seed: configuration.seed,
                                    meetingCount: max(0, configuration.meetingsPerApp),
                                    recordingCount: max(0, configuration.recordingsPerApp))
                for meeting in data.meetings { try run(insertMeeting, meeting.insertValues) }
                for recording in data.recordings { try run(insertRecording, recording.insertValues) }
            }
        }
    }

    static func run(_ statement: PreparedStatement, _ values: [SQLValue]) throws {
        statement.reset()
        try statement.bind(values)
        while try statement.step() {}
    }

    // MARK: Lookups

    func accountExists(_ accountID: String) -> Bool { accounts.contains(accountID) }

    func appExists(accountID: String, appID: String) -> Bool { apps.contains(accountID + "/" + appID) }

    func meetingTitle(appID: String, meetingID: String) -> String? { meetingTitles[appID + "/" + meetingID.lowercased()] }

    // MARK: Reads

    func list(appID: String, query: ListQuery, now: Millis) throws -> ListPage {
        try advance(now: now)
        if let index = listIndexes[appID] { return index.page(query, now: now) }
        let index = try buildListIndex(appID: appID)
        listIndexes[appID] = index
        return index.page(query, now: now)
    }

    /// Reads an app's recordings (those of a known meeting, as the list has always listed them) and renders them.
    private func buildListIndex(appID: String) throws -> ListIndex {
        let statement = try database.prepare("SELECT \(Schema.recordingColumns) FROM recordings r WHERE r.app_id = ?")
        try statement.bind([.text(appID)])
        var entries: [ListIndex.Entry] = []
        while try statement.step() {
            let row = RecordingRow(statement: statement)
            let key = row.appID + "/" + row.meetingID
            guard let title = meetingTitles[key], let meeting = meetingJSON[key] else { continue }
            let (head, tail) = RecordingJSON.parts(row, reasons: false)
            entries.append(ListIndex.Entry(
                id: row.id, meetingID: row.meetingID, meetingTitleLowercased: title.lowercased(),
                status: row.status, invokedTime: row.invokedTime, downloadURLExpiry: row.downloadURLExpiry,
                head: head, meeting: meeting, tail: tail))
        }
        return ListIndex(entries: entries)
    }

    func recording(appID: String, id: String, now: Millis) throws -> String {
        try advance(now: now)
        guard let row = try fetch(appID: appID, id: id) else { throw APIError.notFound("recording \(id) not found") }
        return render(row, reasons: true)
    }

    func activeRecording(appID: String, meetingID: String, now: Millis) throws -> String {
        try advance(now: now)
        guard meetingTitle(appID: appID, meetingID: meetingID) != nil else {
            throw APIError.notFound("meeting \(meetingID) not found")
        }
        guard let row = try active(appID: appID, meetingID: meetingID.lowercased(), compositeOnly: false) else {
            throw APIError.notFound("no active recording for meeting \(meetingID)")
        }
        return render(row, reasons: true)
    }

    // MARK: Writes

    /// Starts a recording: INVOKED now, RECORDING from the next request on.
    func start(appID: String, request: StartRequest, now: Millis) throws -> String {
        try advance(now: now)
        let meetingID = request.meetingID.lowercased()
        guard let title = meetingTitle(appID: appID, meetingID: meetingID) else {
            throw APIError.notFound("meeting \(request.meetingID) not found")
        }
        if request.kind == "composite", !request.allowMultiple,
           let running = try active(appID: appID, meetingID: meetingID, compositeOnly: true) {
            throw APIError.conflict("meeting \(meetingID) already has an active recording \(running.id) "
                + "(status: \(running.status)); pass \"allow_multiple_recordings\": true to start another")
        }
        let id = randomUUID()
        let prefix = request.fileNamePrefix ?? DemoData.slug(title)
        var row = RecordingRow(
            id: id, appID: appID, meetingID: meetingID, sessionID: request.sessionID ?? randomUUID(), kind: request.kind,
            outputFileName: "\(prefix)_\(Timestamp.format(now).prefix(10))_\(id.prefix(8)).mp4",
            invokedTime: now, startedTime: now, status: RecordingStatus.invoked.rawValue,
            storageConfig: request.storageConfig, startReason: RecordingJSON.reason("API_CALL", callerID: appID),
            audioRequested: request.audioRequested, maxSeconds: request.maxSeconds, dueMs: now)
        row.bucketDisabled = request.bucketDisabled
        try database.execute(Schema.insertRecording, row.insertValues)
        listIndexes[appID] = nil
        return render(row, reasons: true)
    }

    /// Applies stop, pause or resume, or throws the API error for an invalid transition.
    func apply(_ action: RecordingAction, appID: String, id: String, now: Millis) throws -> String {
        try advance(now: now)
        guard var row = try fetch(appID: appID, id: id) else { throw APIError.notFound("recording \(id) not found") }
        let status = row.status
        switch action {
        case .pause:
            guard status == RecordingStatus.recording.rawValue else {
                throw APIError.badRequest("recording is not RECORDING, cannot pause (status: \(status))")
            }
            row.status = RecordingStatus.paused.rawValue
            row.pausedAt = now
        case .resume:
            guard status == RecordingStatus.paused.rawValue else {
                throw APIError.badRequest("recording is not PAUSED, cannot resume (status: \(status))")
            }
            row.pausedTotalMs += max(0, now - (row.pausedAt ?? now))
            row.pausedAt = nil
            row.status = RecordingStatus.recording.rawValue
        case .stop:
            guard RecordingStatus.active.map(\.rawValue).contains(status) else {
                throw APIError.badRequest("recording is not RECORDING, PAUSED or INVOKED, cannot stop (status: \(status))")
            }
            if let pausedAt = row.pausedAt { row.pausedTotalMs += max(0, now - pausedAt) }
            row.pausedAt = nil
            row.stoppedTime = now
            let recordedMs = status == RecordingStatus.invoked.rawValue ? 0 : now - row.startedTime - row.pausedTotalMs
            row.recordingDuration = max(0, recordedMs / 1000)
            row.fileSize = row.recordingDuration * 250_000
            row.status = RecordingStatus.uploading.rawValue
            row.stopReason = RecordingJSON.reason("API_CALL", callerID: appID)
            row.dueMs = now + uploadDelayMs
        }
        if action != .stop { row.dueMs = nil }
        let updated = row
        try database.transaction {
            try database.execute("DELETE FROM recordings WHERE id = ?", [.text(updated.id)])
            try database.execute(Schema.insertRecording, updated.insertValues)
        }
        listIndexes[appID] = nil
        return render(row, reasons: true)
    }

    // MARK: Internals

    /// Carries out the automatic transitions that are due: INVOKED→RECORDING and UPLOADING→UPLOADED.
    func advance(now: Millis) throws {
        guard try database.scalar("SELECT 1 FROM recordings WHERE due_ms IS NOT NULL AND due_ms <= ? LIMIT 1",
                                  [.integer(now)]) != nil else { return }
        listIndexes.removeAll()
        try database.transaction {
            try database.execute("""
                UPDATE recordings SET status = 'RECORDING', started_time = due_ms, due_ms = NULL
                WHERE due_ms IS NOT NULL AND due_ms <= ? AND status = 'INVOKED'
                """, [.integer(now)])
            let base = "'https://rtk-recordings.sandbox.invalid/' || app_id || '/' || id || '/'"
            try database.execute("""
                UPDATE recordings SET status = 'UPLOADED',
                    download_url = CASE WHEN bucket_disabled = 0 THEN \(base) || output_file_name END,
                    download_url_expiry = CASE WHEN bucket_disabled = 0 THEN due_ms + \(7 * Timestamp.millisPerDay) END,
                    audio_download_url = CASE WHEN audio_requested = 1 AND bucket_disabled = 0
                        THEN \(base) || replace(output_file_name, '.mp4', '.mp3') ELSE NULL END,
                    due_ms = NULL
                WHERE due_ms IS NOT NULL AND due_ms <= ? AND status = 'UPLOADING'
                """, [.integer(now)])
            try database.execute("UPDATE recordings SET due_ms = NULL WHERE due_ms IS NOT NULL AND due_ms <= ?",
                                 [.integer(now)])
        }
    }

    private func fetch(appID: String, id: String) throws -> RecordingRow? {
        let statement = try database.prepare("SELECT \(Schema.recordingColumns) FROM recordings r WHERE r.app_id = ? AND r.id = ?")
        try statement.bind([.text(appID), .text(id.lowercased())])
        return try statement.step() ? RecordingRow(statement: statement) : nil
    }

    private func active(appID: String, meetingID: String, compositeOnly: Bool) throws -> RecordingRow? {
        let statement = try database.prepare("""
            SELECT \(Schema.recordingColumns) FROM recordings r
            WHERE r.app_id = ? AND r.meeting_id = ? AND r.status IN ('INVOKED', 'RECORDING', 'PAUSED')
            \(compositeOnly ? "AND r.kind = 'composite'" : "")
            ORDER BY r.invoked_time DESC, r.id ASC LIMIT 1
            """)
        try statement.bind([.text(appID), .text(meetingID)])
        return try statement.step() ? RecordingRow(statement: statement) : nil
    }

    private func render(_ row: RecordingRow, reasons: Bool) -> String {
        RecordingJSON.render(row, meetingJSON: meetingJSON[row.appID + "/" + row.meetingID] ?? "null", reasons: reasons)
    }
}

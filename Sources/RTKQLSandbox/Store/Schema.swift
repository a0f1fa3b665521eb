/// The sandbox's SQLite schema: apps, meetings and recordings. Times are milliseconds since the epoch (UTC).
enum Schema {
    static let version = 1

    static let create = """
    CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS apps (
        account_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        PRIMARY KEY (account_id, app_id)
    );
    CREATE TABLE IF NOT EXISTS meetings (
        id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        record_on_start INTEGER NOT NULL,
        live_stream_on_start INTEGER NOT NULL,
        persist_chat INTEGER NOT NULL,
        summarize_on_end INTEGER NOT NULL,
        transcribe_on_end INTEGER NOT NULL,
        session_keep_alive_time_in_secs INTEGER NOT NULL,
        recording_config TEXT NOT NULL,
        ai_config TEXT,
        PRIMARY KEY (app_id, id)
    );
    CREATE TABLE IF NOT EXISTS recordings (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        meeting_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        output_file_name TEXT NOT NULL,
        audio_download_url TEXT,
        download_url TEXT,
        download_url_expiry INTEGER,
        file_size INTEGER NOT NULL,
        invoked_time INTEGER NOT NULL,
        started_time INTEGER NOT NULL,
        stopped_time INTEGER,
        recording_duration INTEGER NOT NULL,
        status TEXT NOT NULL,
        storage_config TEXT,
        start_reason TEXT,
        stop_reason TEXT,
        audio_requested INTEGER NOT NULL DEFAULT 0,
        max_seconds INTEGER,
        paused_at INTEGER,
        paused_total_ms INTEGER NOT NULL DEFAULT 0,
        due_ms INTEGER,
        bucket_disabled INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS recordings_by_app_time ON recordings(app_id, invoked_time, id);
    CREATE INDEX IF NOT EXISTS recordings_by_meeting ON recordings(app_id, meeting_id, status);
    CREATE INDEX IF NOT EXISTS recordings_due ON recordings(due_ms) WHERE due_ms IS NOT NULL;
    """

    /// The recording columns, in the order `RecordingRow(row:)` reads them.
    static let recordingColumns = """
    r.id, r.app_id, r.meeting_id, r.session_id, r.kind, r.output_file_name, r.audio_download_url, r.download_url, \
    r.download_url_expiry, r.file_size, r.invoked_time, r.started_time, r.stopped_time, r.recording_duration, \
    r.status, r.storage_config, r.start_reason, r.stop_reason, r.audio_requested, r.max_seconds, r.paused_at, \
    r.paused_total_ms, r.due_ms, r.bucket_disabled
    """

    static let insertRecording = """
    INSERT INTO recordings (id, app_id, meeting_id, session_id, kind, output_file_name, audio_download_url, download_url,
        download_url_expiry, file_size, invoked_time, started_time, stopped_time, recording_duration, status,
        storage_config, start_reason, stop_reason, audio_requested, max_seconds, paused_at, paused_total_ms, due_ms,
        bucket_disabled)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

    /// Brings a database written by an older sandbox up to this schema (columns added since).
    static let migrations = [
        ("meetings", "ai_config", "ALTER TABLE meetings ADD COLUMN ai_config TEXT"),
        ("recordings", "bucket_disabled", "ALTER TABLE recordings ADD COLUMN bucket_disabled INTEGER NOT NULL DEFAULT 0"),
    ]

    static let insertMeeting = """
    INSERT INTO meetings (id, app_id, title, status, created_at, updated_at, record_on_start, live_stream_on_start,
        persist_chat, summarize_on_end, transcribe_on_end, session_keep_alive_time_in_secs, recording_config, ai_config)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """
}

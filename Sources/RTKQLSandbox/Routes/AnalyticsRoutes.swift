/// `/analytics`: recordings and sessions per day, and the livestreams' totals, computed from the same data
/// the other endpoints serve.
enum AnalyticsRoutes {
    static func register(on app: RouteGroup, _ services: Services) {
        app.get("analytics/daywise") { _, context in
            let appID = try await services.app(context)
            let from = try day(context.query, "start_date") ?? 0
            let to = try day(context.query, "end_date").map { $0 + Timestamp.millisPerDay - 1 } ?? Millis.max
            let recordings = try await services.recordings.recordingDays(appID: appID, from: from, to: to)
            let now = context.now
            let sessions = try await services.state.withApp(appID) { data in
                var days: [String: (count: Int, minutes: Double)] = [:]
                for session in data.sessions where session.startedAt >= from && session.startedAt <= to {
                    let day = String(Timestamp.format(session.startedAt).prefix(10))
                    days[day, default: (0, 0)].count += 1
                    days[day, default: (0, 0)].minutes += session.minutesConsumed(now: now)
                }
                return days.sorted { $0.key < $1.key }.map { (day: $0.key, count: $0.value.count, minutes: $0.value.minutes) }
            }
            let round = { (value: Double) in (value * 100).rounded() / 100 }
            return .data(.object([
                ("recording_stats", .object([
                    ("day_stats", .array(recordings.map {
                        .object([("day", .string($0.day)), ("total_recordings", .int($0.count)), ("total_recording_minutes", .int($0.minutes))])
                    })),
                    ("recording_count", .int(recordings.reduce(0) { $0 + $1.count })),
                    ("recording_minutes_consumed", .int(recordings.reduce(0) { $0 + $1.minutes })),
                ])),
                ("session_stats", .object([
                    ("day_stats", .array(sessions.map {
                        .object([("day", .string($0.day)), ("total_sessions", .int($0.count)), ("total_session_minutes", .double(round($0.minutes)))])
                    })),
                    ("sessions_count", .int(sessions.reduce(0) { $0 + $1.count })),
                    ("sessions_minutes_consumed", .double(round(sessions.reduce(0) { $0 + $1.minutes }))),
                ])),
            ]))
        }
        app.get("analytics/livestreams/overall") { _, context in
            let appID = try await services.app(context)
            let from = try TimeFilter.parse(context.query, "start_time") ?? 0
            let to = try TimeFilter.parse(context.query, "end_time") ?? Millis.max
            let now = context.now
            let runs = try await services.state.withApp(appID) { data in
                data.livestreams.flatMap(\.sessions).filter { $0.startedAt >= from && $0.startedAt <= to }
            }
            return .data(.object([
                ("count", .int(runs.count)), ("total_ingest_seconds", .int(runs.reduce(Int64(0)) { $0 + $1.ingestSeconds(now: now) })),
                ("total_viewer_seconds", .int(runs.reduce(Int64(0)) { $0 + $1.viewerSeconds })),
            ]))
        }
    }

    /// A `YYYY-MM-DD` date (a full date-time is accepted too): the start of that UTC day.
    private static func day(_ query: QueryString, _ name: String) throws -> Millis? {
        guard let text = query.last(name)?.trimmingSpaces(), !text.isEmpty else { return nil }
        let full = text.count == 10 ? text + "T00:00:00.000Z" : text
        guard let millis = Timestamp.parse(full) else { throw APIError.badRequest("\"\(name)\" must be a date (YYYY-MM-DD)") }
        return millis - millis % Timestamp.millisPerDay
    }
}

import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax
import Synchronization

/// A conversation with an engine: what `USE`, template variables and settings leave behind between
/// statements, and the statement running now.
///
/// Every front end runs through a session — `rtkql exec` and the shell hold one for their lifetime, a
/// server holds one per connection, `Engine.query` makes a short-lived one — so they all run statements
/// the same way. A session runs one statement at a time; sessions of one engine share its rate budget.
///
/// ```swift
/// let session = Session(engine: engine)
/// for try await result in session.run("USE cloudflare; SELECT count(*) FROM realtime_kit.recordings WHERE …") {
///     for try await row in result.rows { print(row) }
/// }
/// ```
public final class Session: Sendable {
    /// The engine statements run on.
    public let engine: Engine
    private let state: Mutex<SessionState>
    private let running = Mutex<StatementControl?>(nil)

    public init(engine: Engine, state: SessionState = SessionState()) {
        self.engine = engine
        self.state = Mutex(state)
        cache = ResponseCache(budget: engine.configuration.cacheBudget)
    }

    /// What this session's reads returned, kept for the cache's time to live (see `cacheTTL`).
    public let cache: ResponseCache

    /// The time to live of the session's cache now: the session's setting, else the engine's.
    public var cacheTTL: Duration { current.settings.cacheTTL ?? engine.configuration.cacheTTL }

    /// How the next statement reads: through the session's cache, or (time to live zero) through one of
    /// its own, so it still reads each distinct page once.
    private func statementReads() -> StatementReads {
        let ttl = cacheTTL
        guard ttl > .zero else {
            return StatementReads(cache: ResponseCache(budget: engine.configuration.cacheBudget), sessionCache: cache,
                                  maxAge: .zero, coalescer: engine.coalescer)
        }
        return StatementReads(cache: cache, sessionCache: cache, maxAge: ttl, coalescer: engine.coalescer)
    }

    /// What the session holds now.
    public var current: SessionState { state.withLock { $0 } }

    /// Changes what the session holds (`.set` in the shell, a server's `SET`).
    public func update(_ change: (inout SessionState) -> Void) {
        state.withLock { change(&$0) }
    }

    /// Cancels the statement running now, if any: its transfers are aborted and a running SQLite step is
    /// interrupted; it ends with `RTKQLError.cancelled`. Safe from any thread (a signal handler's queue, a
    /// server's cancel request).
    public func cancel() {
        running.withLock { $0 }?.cancel()
    }

    /// Expands `{{ name }}` placeholders with the session's variables, numbers anonymous `?` parameters and
    /// parses the whole script, before anything runs.
    public func prepare(_ script: String) throws(RTKQLError) -> PreparedScript {
        let variables = current.variables
        let expanded = variables.isEmpty && TemplateExpander.placeholders(in: script).isEmpty
            ? script : try Engine.expandTemplates(script, variables: variables)
        let text = ParameterNumbering.numberAnonymous(expanded)
        return PreparedScript(text: text, statements: try engine.parse(text))
    }

    /// Runs a script statement by statement: each statement runs when the previous one's result has been
    /// taken (its unread rows are dropped then), and the first failure ends the run by throwing.
    public func run(_ script: String, arguments: StatementArguments = []) -> ScriptRun {
        ScriptRun(session: self, source: .text(script), arguments: arguments)
    }

    /// Runs an already prepared script, as `run(_:arguments:)` does.
    public func run(_ script: PreparedScript, arguments: StatementArguments = []) -> ScriptRun {
        ScriptRun(session: self, source: .prepared(script), arguments: arguments)
    }

    /// Runs exactly one statement and reads its whole result.
    public func execute(_ sql: String, arguments: StatementArguments = []) async throws(RTKQLError) -> QueryResult {
        let script = try prepare(sql)
        guard script.statements.count == 1, let statement = script.statements.first else {
            throw .invalid(message: "expected exactly one statement, got \(script.statements.count)")
        }
        return try await execute(statement, index: 0, in: script.text, arguments: arguments).collect()
    }

    /// Runs one parsed statement of `text` and returns its result as soon as it has one: a SELECT's rows
    /// are then read from its cursor.
    public func execute(_ statement: ParsedStatement, index: Int = 0, in text: String,
                        arguments: StatementArguments = []) async throws(RTKQLError) -> StatementResult {
        let timeLimit = current.settings.statementTimeout ?? engine.configuration.statementTimeout
        let control = StatementControl(timeLimit: timeLimit, reads: statementReads())
        let replaced = running.withLock { running -> StatementControl? in
            defer { running = control }
            return running
        }
        replaced?.cancel()  // a session runs one statement at a time: an abandoned one stops
        defer { running.withLock { if $0 === control { $0 = nil } } }
        do {
            let result = try await StatementDispatcher(session: self, control: control, arguments: arguments)
                .run(statement, index: index, text: text)
            if !result.isQuery { control.finish() }
            return result
        } catch {
            control.finish()
            throw error
        }
    }
}

/// A script, parsed: its text after template expansion, and its statements (their ranges point into `text`).
public struct PreparedScript: Sendable {
    public let text: String
    public let statements: [ParsedStatement]
}

/// The results of a script, one statement at a time. Pull-based: nothing runs until the next result is
/// asked for, and the previous result's unread rows are closed first.
public struct ScriptRun: AsyncSequence, Sendable {
    public typealias Element = StatementResult

    enum Source: Sendable {
        case text(String)
        case prepared(PreparedScript)
    }

    let session: Session
    let source: Source
    let arguments: StatementArguments

    public func makeAsyncIterator() -> Iterator {
        Iterator(run: self)
    }

    /// Runs the next statement when asked.
    public struct Iterator: AsyncIteratorProtocol {
        let run: ScriptRun
        private var script: PreparedScript?
        private var nextIndex = 0
        private var previous: RowCursor?
        private var failed = false

        init(run: ScriptRun) {
            self.run = run
        }

        public mutating func next() async throws(RTKQLError) -> StatementResult? {
            previous?.close()
            previous = nil
            guard !failed else { return nil }
            do {
                let script = try prepared()
                guard nextIndex < script.statements.count else { return nil }
                let index = nextIndex
                nextIndex += 1
                let result = try await run.session.execute(script.statements[index], index: index, in: script.text,
                                                           arguments: run.arguments)
                previous = result.rows
                return result
            } catch {
                failed = true
                throw error
            }
        }

        private mutating func prepared() throws(RTKQLError) -> PreparedScript {
            if let script { return script }
            let prepared: PreparedScript
            switch run.source {
            case .prepared(let script): prepared = script
            case .text(let text): prepared = try run.session.prepare(text)
            }
            script = prepared
            return prepared
        }
    }
}

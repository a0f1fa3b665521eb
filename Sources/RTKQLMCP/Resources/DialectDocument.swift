// Generated from docs/sql-dialect.md by scripts/embed-dialect-doc.sh (make mcp-docs). Do not edit.

/// docs/sql-dialect.md, served as the MCP resource rtkql://docs/sql-dialect.
enum DialectDocument {
    /// The document's text, byte for byte.
    static let text = ###"""
# The rtkql SQL dialect

rtkql accepts SQLite's SELECT over provider resources, the operating statements StackQL users know
(`INSERT`, `UPDATE`, `REPLACE`, `DELETE`, `EXEC`), and catalog statements (`SHOW`, `DESCRIBE`,
`EXPLAIN`, `USE`, `REGISTRY LIST`, `PURGE`). The complete grammar is
[grammar/rtkql.ebnf](../grammar/rtkql.ebnf), the source of truth; every example in it is parsed,
printed and parsed again by a test.

## Statements

| statement | what it does |
|---|---|
| `SELECT ...` (also `WITH ...`, `VALUES ...`) | reads resources (every resource of [resources.md](resources.md) with a select method); any SQLite SELECT: joins, subqueries, CTEs, unions, window functions, JSON operators |
| `REPLACE resource SET ... WHERE ... [RETURNING ...]` | the resource's replace method (`PUT`): pause / resume / stop recordings ([operating-recordings.md](operating-recordings.md)), replace a webhook or meeting |
| `EXEC provider.service.resource.method @p = v ... [@@json = '...'] [FROM (query)] [RETURNING ...]` | calls any method by name: `create_track`, `start`, `kick`, `mute_all`, `create_poll`, ...; with `FROM (query)`, once per distinct row of the query (see [below](#insert-update-delete-exec)) |
| `INSERT INTO resource (columns) VALUES ... \| SELECT ... [RETURNING ...]` | the resource's insert method, one request per row (see [below](#insert-update-delete-exec)) |
| `UPDATE resource SET ... WHERE ... [RETURNING ...]` | the resource's update method (`PATCH`), one request per target |
| `DELETE FROM resource WHERE ... [RETURNING ...]` | the resource's delete method, one request per target |
| `PURGE [resource]` | empties the session's cache (of one resource); see [the session cache](#the-session-cache) |
| `SHOW [EXTENDED] PROVIDERS \| SERVICES IN p \| RESOURCES IN p.s \| METHODS IN p.s.r [LIKE 'pattern']` | the catalog, with StackQL's column names; a method's `RequiredParams` are its required path, query and body parameters, then its request body's required properties in the schema's order |
| `DESCRIBE [EXTENDED] p.s.r` | the resource's fields and types (and descriptions) |
| `EXPLAIN statement` | the plan and every HTTP request it would send (and, for SELECT, which fields each reference loads); sends none |
| `USE provider` | lets `service.resource` stand for `provider.service.resource` |
| `REGISTRY LIST` | the built-in providers (nothing needs pulling) |

Statements are separated by `;` (a `;` inside a string, a quoted name, a comment or a JSON body
does not separate). In a file, the first failing statement stops the run and is named with its
line.

## INSERT, UPDATE, DELETE, EXEC

These follow StackQL: each SQL verb stands for the resource's methods of that verb in the provider's
`sqlVerbs` (INSERT → insert, UPDATE → update, typically `PATCH`; REPLACE → replace, typically `PUT`;
DELETE → delete). UPDATE and REPLACE are distinct statements: UPDATE is no longer read as REPLACE.

- **Columns and SET targets** are the method's path and query parameters and the top-level properties
  of its request body (`INSERT INTO meetings (account_id, app_id, title)`; `SET title = '...'`).
  Of a resource's several insert (or update) methods, the one whose required parameters are all given
  and that knows every column is used; of several, the most specific (`meetings` with `meeting_id` and
  a participant's `name` adds a participant rather than creating a meeting).
- **The body is validated against the schema before anything is sent**: required properties, types,
  enums (also of array items), minimum and maximum, with the property named in the error
  (`invalid body for cloudflare.realtime_kit.webhooks.create_webhook: "events" is required`). A NULL
  value leaves the property out.
- **INSERT** computes its source first (`VALUES`, or any SELECT, reading resources as a SELECT does),
  then sends one request per row. **UPDATE / DELETE / REPLACE** bind path parameters from the WHERE
  clause; `webhook_id IN ('a', 'b')` or `participant_id IN (SELECT ...)` sends one request per target
  and reports one row per target (`target, outcome, http_status, message, status`), failures included.
  Several parameters taken together from one query use a row value, `(app_id, recording_id) IN (SELECT
  app_id, id FROM ...)`: one request per distinct row of the subquery (never the cross product of the
  values), the subquery any SELECT over any references.
- **EXEC ... FROM (query)** calls the method once per distinct row of the query (any SELECT over any
  references, `VALUES`, `WITH`): each column binds the parameter or request-body property it is named
  after (`SELECT id AS meeting_id ...`; a NULL binds nothing; a JSON array text fills an array
  property), the `@` arguments and `@@json` hold for every call. Every request is built and validated
  before the first is sent; a column that names nothing, or a name bound both by `@` and by a column,
  is an error. It reports one row per call: the query's columns, then `outcome, http_status, message,
  status` and the RETURNING columns. `--dry-run` runs the query (reads only) and lists the calls.
- POSTs are never retried (a PUT or DELETE is); `--dry-run` lists the requests and sends none.
- `EXPLAIN` lists the requests of INSERT, UPDATE, REPLACE, DELETE and EXEC — step, method, HTTP verb,
  URL, body, headers (credentials redacted) — with every body validated, and sends nothing. The rows of
  an INSERT and the targets of `IN (SELECT ...)` are then computed by SQLite alone, so they may read no
  resource (`VALUES`, or a SELECT over literals, `json_each`, CTEs); for one that reads a resource,
  `--dry-run` reads it and lists the requests.
- RETURNING evaluates its expressions over the answer: the resource's fields read from the method's
  row path, plus the envelope's `success` and the member the rows are in (`data` for RealtimeKit,
  `result` for Cloudflare's v4 envelope, as the MoQ `relays` answer) as JSON.

```sql
-- Rows from VALUES, or from any SELECT (WITH, compounds, ORDER BY, LIMIT included).
INSERT INTO cloudflare.realtime_kit.meetings (account_id, app_id, title)
VALUES ('a', 'b', 'Weekly sync'), ('a', 'b', 'Retro');

INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url, events)
SELECT 'a', 'b', value, 'https://example.com/' || value, '["meeting.started"]' FROM json_each('["w1", "w2"]');

UPDATE cloudflare.realtime_kit.webhooks SET name = 'renamed'
WHERE account_id = 'a' AND app_id = 'b' AND webhook_id = 'w'
RETURNING data;

DELETE FROM cloudflare.realtime_kit.webhooks
WHERE account_id = 'a' AND app_id = 'b' AND webhook_id = 'w';

-- EXEC takes RETURNING too.
EXEC cloudflare.realtime_kit.kit_recordings.start_recordings @account_id = 'a', @app_id = 'b'
@@json = '{"meeting_id": "m"}'
RETURNING data->>'id' AS id;

-- Mute every live meeting of an app, and kick the participants still in each live session.
EXEC cloudflare.realtime_kit.active_session.mute_all @account_id = 'a', @app_id = 'b', @allow_unmute = true
FROM (SELECT DISTINCT associated_id AS meeting_id FROM cloudflare.realtime_kit.sessions
      WHERE account_id = 'a' AND app_id = 'b' AND status = 'LIVE');

EXEC cloudflare.realtime_kit.active_session.kick @account_id = 'a', @app_id = 'b', @custom_participant_ids = '[]'
FROM (SELECT s.associated_id AS meeting_id, json_group_array(p.id) AS participant_ids
      FROM cloudflare.realtime_kit.sessions s
      JOIN cloudflare.realtime_kit.sessions_participants p
        ON p.account_id = s.account_id AND p.app_id = s.app_id AND p.session_id = s.id
      WHERE s.account_id = 'a' AND s.app_id = 'b' AND s.status = 'LIVE' AND p.left_at IS NULL
      GROUP BY s.associated_id);

-- A new token for a MoQ relay: the answer's `result` is {type, token}.
EXEC cloudflare.realtime_kit.relays.rotate @account_id = 'a', @relay_id = 'r', @type = 'subscribe'
RETURNING result->>'token' AS token;

-- The requests an INSERT would send, its bodies validated; nothing is sent.
EXPLAIN INSERT INTO cloudflare.realtime_kit.relays (account_id, name) VALUES ('a', 'Launch event');
```

- The resource may have an alias: `UPDATE r AS x ...`, `DELETE FROM r x ...`; INSERT takes one
  only with `AS` (`INSERT INTO r AS x (...)`), as in SQLite.
- `REPLACE` may be written `REPLACE INTO`; `EXPLAIN` takes each of these statements but PURGE (for
  `EXEC ... FROM (query)`, use `--dry-run`: its requests are known only once the query has run).
- None of these words is reserved: `insert`, `update`, `delete` and `purge` remain ordinary column
  and parameter names.

## The session cache

Cloudflare allows an account about 1,200 API requests per 5 minutes; rtkql spends that budget once.

- **What is kept.** A session (one `rtkql exec` run, one shell, one PostgreSQL or MCP client) keeps the
  answers of its GET pages for `--cache-ttl` seconds (default 60; `0` turns the cache off), keyed by the
  credentials and the request (method, bound parameters, page). A later statement asking the same page
  reads it there. The cache keeps at most 64 MiB of answers (least recently used first out); a listing
  larger than a quarter of that keeps only its first page.
- **Narrower listings.** A listing held whole answers a narrower one whose extra parameters SQLite
  checks again anyway: the provider data marks them `checkedLocally` (recordings' `status` and
  `meeting_id`, which is the row's `meeting.id`; sessions' `status`). After `SELECT ... FROM recordings
  WHERE account_id = 'a' AND app_id = 'b'`, the same with `AND status = 'UPLOADED'` or `AND meeting_id =
  '…'` sends nothing, and gives the rows the API's own filter would (a UUID in upper case is sent: the
  API ignores case, SQLite does not). `search` and the `start_time`/`end_time` ranges are always sent:
  the published description does not say how they match (substring or word, which timestamp, inclusive
  or not), and a listing filtered locally by a guess could differ from the API's answer.
- **One fetch per distinct call.** Within a statement each distinct page is fetched once, even with the
  cache off (a self-join, two CTEs over the same listing); identical reads in flight at the same time,
  from any session of the engine, share one request.
- **LIMIT.** When the result cannot depend on rows past the first N of a listing (a `LIMIT` with no
  `ORDER BY`, `DISTINCT`, grouping, aggregate or window function, and every WHERE condition a parameter
  of the call), paging stops once N rows are in. Pages stay full-size: a request costs the same budget
  whatever its size, and the first page then serves later statements. `EXPLAIN` says when it applies.
- **ORDER BY the API sorts by.** When the ORDER BY is one field the API can sort its listing by (the
  provider data's `sorting`: recordings' `invoked_time`, sessions' `created_at` and `minutes_consumed`),
  in either direction, with a `LIMIT` and otherwise the conditions above, the listing is asked for in
  that order (`sort_by=invokedTime&sort_order=DESC`) and each call pages only until N rows are in;
  SQLite still sorts and cuts. `ORDER BY invoked_time DESC LIMIT 5` over 10,000 recordings is one
  request instead of 100. The field may be written qualified, by position (`ORDER BY 2`) or through a
  result column that is the field itself; a second ORDER BY term, NULLS FIRST/LAST, or an alias naming
  another expression turn it off. When the cache holds the first page of the unsorted listing and the
  pages it lacks cost at most twice the sorted pages, the listing is completed instead: all of it then
  serves later statements (the quickstart's second statement). Rows that tie on the field may come in
  either order, as SQLite's own ORDER BY leaves them.
- **Mutations.** REPLACE, INSERT, UPDATE, DELETE and EXEC drop the cached answers under the account
  they changed, so the next read fetches.
- **Seeing it.** `EXPLAIN` says per call whether the cache would answer it (and how old the answer is),
  or which held listing answers a narrower one; `--http.log.enabled` marks answers from the cache; on a
  terminal, the summary after a statement reads `240 rows in 0.012s (1 request sent, 2 answered from
  cache)`; the library's `QueryResult` and `StatementResult` carry `requestCount` and
  `answeredFromCache`. In the shell, `.cache` shows what is held, `.cache on|off|clear` changes it.

```sql
PURGE;                                        -- empties the session's cache
PURGE cloudflare.realtime_kit.recordings;     -- of one resource
```

## How WHERE becomes API parameters

Each reference to a resource binds its method parameters from the predicates of its own SELECT —
the conjuncts AND-ed at the top of its WHERE and of its joins' ON clauses:

- `param = value` and `param IN (value, ...)`, and `param = a OR param = b`, with literal values or
  bound parameters (`?`, `:name`). Quoted numbers and booleans are coerced to the parameter's type
  (`page_no = '2'`, `expired = 'false'`); enum values are checked (and their case corrected).
- A required path parameter with several values (`app_id IN ('a', 'b')`) fans out into one fetch
  per value; the rows are combined.
- `status` is both a field and an array parameter: it is sent as `status=A&status=B` and kept as a
  filter. `recording_id = '...'` (or `id = '...'`) makes the planner use `get_one_recording`: one
  request instead of a listing.
- `page_no` fetches exactly that page; otherwise every page is fetched (`per_page` sets the page
  size, default 100).
- An empty value for an optional parameter (`search = ''`, as an unfilled template leaves it) means
  "not given".
- Every predicate, pushed or not, is also evaluated by SQLite over the fetched rows, so results are
  exactly SQLite's (`app_id IN ('a', 'b') AND app_id <> 'b'` calls for both apps and keeps `a`).
- A missing required parameter is an error before anything is sent:
  `missing required parameter app_id for cloudflare.realtime_kit.recordings.list (...)`. A
  parameter used only in a way that cannot bind it (`app_id LIKE 'x%'`) is an error that says why.

`SELECT *` returns the resource's fields in their documented order; object fields (`meeting`,
`storage_config`) are JSON text, so `meeting->>'title'` and `json_extract(meeting, '$.id')` work, and
`-o json` nests them.

## Parameters are columns

Every path and query parameter of a resource's SELECT methods is also a column of its rows, holding
the value the call that produced the row was made with — as written in the statement, or taken from
another reference's rows. They behave like SQLite's hidden columns: usable in the select list, WHERE,
JOIN ON, GROUP BY and ORDER BY, but not part of `*` or `r.*`, which stay the resource's fields.
`DESCRIBE EXTENDED` lists them (`SHOW METHODS` shows which method takes which).

```sql
SELECT app_id, count(*) FROM cloudflare.realtime_kit.recordings
WHERE account_id = '...' AND app_id IN ('app-1', 'app-2') GROUP BY app_id;
```

- A parameter the call did not take is NULL (`search` when no search was sent; `page_no` when rtkql
  paged through every page).
- A parameter whose value is a row field's is computed from that field for every row whatever method
  produced it: `recording_id` is the row's `id`.
- Where a field and a parameter share a name (`status`), the field wins.
- Inside a NATURAL join, or a `*` over a USING join with a subquery on its right, a resource is read as
  its fields only (so `*` and the join columns stay exact); its parameter columns are then not available
  in that SELECT — write the join with ON.

## Parameters bound from other tables

A parameter can take its values from another reference's rows:

```sql
-- the recordings of the meetings a subquery picks (one get per distinct id)
SELECT r.id, r.status FROM cloudflare.realtime_kit.recordings r
WHERE r.account_id = :account AND r.app_id = :app
  AND r.recording_id IN (SELECT id FROM cloudflare.realtime_kit.recordings
                         WHERE account_id = :account AND app_id = :app AND status = 'PAUSED');

-- several equalities with one source: one call per distinct (account, app) row
SELECT v.app, count(r.id)
FROM (VALUES ('acc', 'app-1'), ('acc', 'app-2')) AS v(account, app)
JOIN cloudflare.realtime_kit.recordings r ON r.account_id = v.account AND r.app_id = v.app
GROUP BY 1;

-- a CTE, and a correlated EXISTS
WITH apps(id) AS (VALUES ('app-1'), ('app-2'))
SELECT id FROM apps a WHERE EXISTS (
  SELECT 1 FROM cloudflare.realtime_kit.recordings r
  WHERE r.account_id = 'acc' AND r.app_id = a.id AND r.status = 'ERRORED');
```

The forms that bind: `x.param = y.column` AND-ed in WHERE or in the ON of a join that restricts `x`
(an inner join; the right side of a LEFT JOIN; the left side of a RIGHT JOIN), with `y` another FROM
item of the same SELECT or of an enclosing one (a correlated subquery); and `x.param IN (SELECT ...)`
when the subquery reads nothing from outside itself (CTEs and `VALUES` included). A field that is a
parameter's value (`id` for `recording_id`) binds the same way.

How it runs:

1. The planner orders the references as a graph: a reference is loaded after those its parameters
   come from. A literal always wins over rows for the same parameter (the equality then stays a join
   condition). Optional parameters are bound from rows where the statement equates them with another
   source, unless that would close a cycle; a required parameter that only a cycle could bind is an
   error naming the references and the parameter.
2. Once the driving tables are loaded, rtkql runs a query over them — the driving FROM item with the
   predicates that restrict it alone, or the IN subquery — and takes the distinct values (or value
   combinations). NULLs, and values the parameter cannot take (a bad enum value), bind nothing.
3. It calls the method once per distinct combination, concurrently, under the shared in-flight and
   rate budgets — or, when the parameters are ones SQLite can check itself (generated columns such as
   `recording_id`), whichever of "once per value" and "a listing without them" costs less by the
   methods' costs in the provider data (calls × cost): 2 ids cost 2 gets, 30 ids one listing.
4. SQLite joins and filters the rows; every predicate is still evaluated there.

`EXPLAIN` shows the order, the method of each reference, where each parameter comes from
(`literal '...'`, `bound argument`, `v.column1 of ...`, `IN (SELECT ...) of rtkql_ref_2`) and the number
of calls (exact for literals, "one call per distinct ..." for rows). It sends nothing.

A statement whose fan-out for one reference would exceed `--max-calls N` (default 500;
`EngineConfiguration.maxCalls`) stops before sending those calls:
`the statement would send 812 calls of cloudflare.realtime_kit.recordings.list (one per distinct v.column1), more than the limit of 500; narrow the values, or raise the limit with --max-calls 812 (EngineConfiguration.maxCalls)`.

## Names, literals, comments

- Keywords are case-insensitive; non-reserved keywords are ordinary names (`status`, `action`,
  `data`, `key`). Quote a reserved word to use it as a name: `"order"`, `[order]`, `` `order` ``.
- Strings `'it''s'`; numbers `1`, `1.5`, `.5`, `1e3`, `0x1F`; blobs `X'CAFE'`; `TRUE`, `FALSE`, `NULL`.
- Bound parameters `?`, `?NNN`, `:name`, `@name`, `$name` (from the embedded API).
- Comments `-- to end of line` and `/* ... */`.

## Templates

`{{ name }}` placeholders are filled before parsing, from `--var name=value` (repeatable, or
`a=1,b=2`) and `--vars file.json`. Each value is escaped for where it lands:

- in a SQL string (`'{{ app_id }}'`) quotes are doubled, so a value can never end the string;
- in a JSON string inside a SQL string it is JSON-escaped; and when the placeholder is the whole
  JSON string (`"layers": "{{ layers }}"`) and the value is a JSON object or array, the value is put
  in as raw JSON — this is how the seed's `create_track` example works as printed;
- bare in SQL, numbers and booleans go in as they are and anything else as a quoted string;
- in comments, placeholders are left alone.

A placeholder without a value is an error that names it and says where it is.

## Output modes

`rtkql exec -o FORMAT` and the shell's `.mode FORMAT` (also `.output`) choose how results print:
`table` (the default), `line`, `json`, `jsonl`, `csv`, `tsv`, `markdown`, `text`.

`line` (alias `expanded`) is the expanded display of psql's `\x` and sqlite's `.mode line`: each row
is a record headed `-[ RECORD n ]`, then one `column | value` line per column, names padded to the
longest. Values are never cut; a value's newlines continue it on the next lines; NULL prints `NULL`.

```
$ rtkql exec --sandbox -o line "SELECT id, status, recording_duration, meeting->>'title' AS meeting_title,
    storage_config FROM cloudflare.realtime_kit.recordings WHERE account_id = '{{ account_id }}'
    AND app_id = '{{ app_id }}' ORDER BY id LIMIT 1"
-[ RECORD 1 ]------+-------------------------------------
id                 | 00db8c45-8ece-4f4b-ae28-bfcdc6da0cb1
status             | UPLOADED
recording_duration | 4135
meeting_title      | Retrospective
storage_config     | NULL
```

On a terminal, a `table` wider than the terminal (its width, or `COLUMNS` when set) is shown in the
expanded display instead, and stderr says so once: `(expanded display: the table is wider than the
terminal)`. Output to a pipe or a file (`--outfile`) is never switched, and `--wide` turns the switch
off (and the cutting of columns to the terminal's width). In the shell, `\x` toggles the expanded
display on and off, `\x on` / `\x off` set it (off: tables are cut to the terminal instead), and
`\x auto` restores the automatic switch.

## Errors

Syntax errors give `line:column`, the line and a caret, and what was expected (embedding programs
also get its kind, `ParseError.kind`: an unterminated string, an unexpected token, a misspelled
keyword...):

```
error: syntax error at 2:6: Expected: ';' or end of statement, found: recordings (did you mean FROM instead of FORM?)
  FORM recordings
       ^
```

Unknown resources list the known ones (and the nearest); unknown columns suggest the nearest field,
or explain that a name is a parameter rather than a column.

"""###
}

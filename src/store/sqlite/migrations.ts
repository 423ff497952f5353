/**
 * The SQLite schema as an ordered list of migrations. Never edit an applied migration: append a
 * new one. Each runs in its own transaction and is recorded in `schema_migrations`.
 * The why of every table and index is in docs/storage-schema.md.
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE records (
  provider     TEXT NOT NULL,
  resource     TEXT NOT NULL,
  id           TEXT NOT NULL,
  day          TEXT,
  start        TEXT,
  "end"        TEXT,
  tz_offset    TEXT,
  updated_at   TEXT,
  data         TEXT NOT NULL,
  raw          TEXT,
  content_hash TEXT NOT NULL,
  stored_at    TEXT NOT NULL,
  PRIMARY KEY (provider, resource, id)
);
CREATE INDEX records_by_day ON records (provider, resource, day, start);

CREATE TABLE series (
  series_id INTEGER PRIMARY KEY,
  provider  TEXT NOT NULL,
  name      TEXT NOT NULL,
  UNIQUE (provider, name)
);

CREATE TABLE samples (
  series_id INTEGER NOT NULL,
  ts        INTEGER NOT NULL,
  value     REAL NOT NULL,
  source    TEXT,
  PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

CREATE TABLE coverage (
  provider        TEXT NOT NULL,
  resource        TEXT NOT NULL,
  start           TEXT NOT NULL,
  "end"           TEXT NOT NULL,
  first_synced_at TEXT NOT NULL,
  last_synced_at  TEXT NOT NULL,
  PRIMARY KEY (provider, resource, start)
) WITHOUT ROWID;

CREATE TABLE cursors (
  provider   TEXT NOT NULL,
  resource   TEXT NOT NULL,
  cursor     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (provider, resource)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  provider    TEXT NOT NULL,
  resources   TEXT NOT NULL,
  mode        TEXT NOT NULL CHECK (mode IN ('incremental', 'full', 'targeted', 'fresh')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  counts      TEXT NOT NULL DEFAULT '{}',
  error       TEXT
);
CREATE INDEX sync_runs_by_provider ON sync_runs (provider, id);

CREATE TABLE events (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  provider  TEXT NOT NULL,
  resource  TEXT NOT NULL,
  record_id TEXT NOT NULL,
  day       TEXT,
  change    TEXT NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  data      TEXT
);
CREATE INDEX events_by_at ON events (at);
CREATE INDEX events_by_provider ON events (provider, resource, seq);
`,
  },
  {
    version: 2,
    name: 'accounts',
    // In place, nothing re-synced: every existing row goes to the implicit account 'local' (made
    // only when the cache holds something, so a new database starts with no account). Tables
    // keyed by (provider, ...) are rebuilt keyed by (account_id, provider, ...): create, copy,
    // drop, rename. Events keep their seq (a poller's saved cursor stays valid); the next seq of
    // an account comes from accounts.event_seq, taken from the highest seq ever handed out
    // (sqlite_sequence remembers purged ones). Events no longer copy the normalized data: the
    // feed joins the record as it is now. Open-window checks move from meta to their own table.
    up: `
CREATE TABLE accounts (
  id                   TEXT PRIMARY KEY,
  created_at           TEXT NOT NULL,
  label                TEXT,
  event_seq            INTEGER NOT NULL DEFAULT 0,
  events_compacted_seq INTEGER NOT NULL DEFAULT 0,
  events_compacted_at  TEXT
) WITHOUT ROWID;

INSERT INTO accounts (id, created_at, label, event_seq)
SELECT 'local', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL,
  max((SELECT coalesce(max(seq), 0) FROM events), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0))
WHERE EXISTS (SELECT 1 FROM records) OR EXISTS (SELECT 1 FROM series) OR EXISTS (SELECT 1 FROM coverage)
   OR EXISTS (SELECT 1 FROM cursors) OR EXISTS (SELECT 1 FROM sync_runs) OR EXISTS (SELECT 1 FROM events)
   OR EXISTS (SELECT 1 FROM sqlite_sequence WHERE seq > 0)
   OR EXISTS (SELECT 1 FROM meta WHERE substr(key, 1, 11) = 'open_check/');

CREATE TABLE account_identities (
  account_id       TEXT NOT NULL,
  provider         TEXT NOT NULL,
  provider_user_id TEXT NOT NULL,
  linked_at        TEXT NOT NULL,
  PRIMARY KEY (account_id, provider),
  UNIQUE (provider, provider_user_id)
) WITHOUT ROWID;

CREATE TABLE connections (
  account_id            TEXT NOT NULL,
  provider              TEXT NOT NULL,
  blob                  TEXT NOT NULL,
  reconnect_needed      INTEGER NOT NULL DEFAULT 0,
  reconnect_reason      TEXT CHECK (reconnect_reason IN ('rejected', 'grant_lost')),
  refresh_pending_since INTEGER,
  updated_at            TEXT NOT NULL,
  PRIMARY KEY (account_id, provider)
) WITHOUT ROWID;

CREATE TABLE records_v2 (
  account_id   TEXT NOT NULL,
  provider     TEXT NOT NULL,
  resource     TEXT NOT NULL,
  id           TEXT NOT NULL,
  day          TEXT,
  start        TEXT,
  "end"        TEXT,
  tz_offset    TEXT,
  updated_at   TEXT,
  data         TEXT NOT NULL,
  raw          TEXT,
  content_hash TEXT NOT NULL,
  stored_at    TEXT NOT NULL,
  PRIMARY KEY (account_id, provider, resource, id)
);
INSERT INTO records_v2 SELECT 'local', provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at FROM records;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
CREATE INDEX records_by_day ON records (account_id, provider, resource, day, start);

CREATE TABLE series_v2 (
  series_id  INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  provider   TEXT NOT NULL,
  name       TEXT NOT NULL,
  UNIQUE (account_id, provider, name)
);
INSERT INTO series_v2 SELECT series_id, 'local', provider, name FROM series;
DROP TABLE series;
ALTER TABLE series_v2 RENAME TO series;

CREATE TABLE coverage_v2 (
  account_id      TEXT NOT NULL,
  provider        TEXT NOT NULL,
  resource        TEXT NOT NULL,
  start           TEXT NOT NULL,
  "end"           TEXT NOT NULL,
  first_synced_at TEXT NOT NULL,
  last_synced_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, provider, resource, start)
) WITHOUT ROWID;
INSERT INTO coverage_v2 SELECT 'local', provider, resource, start, "end", first_synced_at, last_synced_at FROM coverage;
DROP TABLE coverage;
ALTER TABLE coverage_v2 RENAME TO coverage;

CREATE TABLE open_checks (
  account_id TEXT NOT NULL,
  provider   TEXT NOT NULL,
  resource   TEXT NOT NULL,
  start      TEXT NOT NULL,
  "end"      TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  PRIMARY KEY (account_id, provider, resource, start)
) WITHOUT ROWID;
WITH keyed AS (SELECT value, substr(key, 12) AS rest FROM meta WHERE substr(key, 1, 11) = 'open_check/' AND json_valid(value)),
  by_provider AS (SELECT value, substr(rest, 1, instr(rest, '/') - 1) AS provider, substr(rest, instr(rest, '/') + 1) AS rest FROM keyed),
  by_resource AS (SELECT value, provider, substr(rest, 1, instr(rest, '/') - 1) AS resource, substr(rest, instr(rest, '/') + 1) AS start FROM by_provider)
INSERT OR IGNORE INTO open_checks (account_id, provider, resource, start, "end", checked_at)
SELECT 'local', provider, resource, start, json_extract(value, '$.end'), json_extract(value, '$.checkedAt') FROM by_resource
WHERE provider <> '' AND resource <> '' AND start <> ''
  AND typeof(json_extract(value, '$.end')) = 'text' AND typeof(json_extract(value, '$.checkedAt')) = 'text';
DELETE FROM meta WHERE substr(key, 1, 11) = 'open_check/';

CREATE TABLE cursors_v2 (
  account_id TEXT NOT NULL,
  provider   TEXT NOT NULL,
  resource   TEXT NOT NULL,
  cursor     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, provider, resource)
) WITHOUT ROWID;
INSERT INTO cursors_v2 SELECT 'local', provider, resource, cursor, updated_at FROM cursors;
DROP TABLE cursors;
ALTER TABLE cursors_v2 RENAME TO cursors;

CREATE TABLE sync_runs_v2 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id  TEXT NOT NULL,
  provider    TEXT NOT NULL,
  resources   TEXT NOT NULL,
  mode        TEXT NOT NULL CHECK (mode IN ('incremental', 'full', 'targeted', 'fresh')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  counts      TEXT NOT NULL DEFAULT '{}',
  error       TEXT
);
INSERT INTO sync_runs_v2 SELECT id, 'local', provider, resources, mode, started_at, finished_at, status, counts, error FROM sync_runs;
DROP TABLE sync_runs;
ALTER TABLE sync_runs_v2 RENAME TO sync_runs;
CREATE INDEX sync_runs_by_provider ON sync_runs (account_id, provider, id);

CREATE TABLE events_v2 (
  account_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  at         TEXT NOT NULL,
  provider   TEXT NOT NULL,
  resource   TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  day        TEXT,
  change     TEXT NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  PRIMARY KEY (account_id, seq)
) WITHOUT ROWID;
INSERT INTO events_v2 SELECT 'local', seq, at, provider, resource, record_id, day, change FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_by_at ON events (account_id, at);
CREATE INDEX events_by_provider ON events (account_id, provider, resource, seq);
`,
  },
];

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

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
];

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

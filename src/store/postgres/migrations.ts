/**
 * The PostgreSQL schema as an ordered list of migrations (its own versions, independent of
 * SQLite's). Never edit an applied migration: append a new one. Every row belongs to an account;
 * the why of each table and index is in docs/storage-schema.md (PostgreSQL section). Text columns
 * use the "C" collation: days, instants and ids then sort and compare byte-wise, as in SQLite,
 * whatever the database's locale (a locale collation may ignore '-' and ':').
 */
export interface PgMigration {
  version: number;
  name: string;
  up: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'accounts, records, samples, coverage, checks, cursors, sync runs, events, connections',
    up: `
CREATE TABLE accounts (
  id            text COLLATE "C" PRIMARY KEY,
  created_at    timestamptz NOT NULL,
  label         text COLLATE "C",
  event_seq     bigint NOT NULL DEFAULT 0,
  compacted_seq bigint NOT NULL DEFAULT 0,
  compacted_at  timestamptz
);

CREATE TABLE account_identities (
  account_id       text COLLATE "C" NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider         text COLLATE "C" NOT NULL,
  provider_user_id text COLLATE "C" NOT NULL,
  linked_at        timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider),
  UNIQUE (provider, provider_user_id)
);

CREATE TABLE records (
  account_id   text COLLATE "C" NOT NULL,
  provider     text COLLATE "C" NOT NULL,
  resource     text COLLATE "C" NOT NULL,
  id           text COLLATE "C" NOT NULL,
  day          text COLLATE "C",
  start        text COLLATE "C",
  "end"        text COLLATE "C",
  tz_offset    text COLLATE "C",
  updated_at   text COLLATE "C",
  data         jsonb NOT NULL,
  raw          jsonb,
  content_hash text COLLATE "C" NOT NULL,
  stored_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider, resource, id)
);
CREATE INDEX records_by_day ON records (account_id, provider, resource, day NULLS FIRST, start NULLS FIRST);

CREATE TABLE series (
  series_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text COLLATE "C" NOT NULL,
  provider   text COLLATE "C" NOT NULL,
  name       text COLLATE "C" NOT NULL,
  UNIQUE (account_id, provider, name)
);

CREATE TABLE samples (
  series_id integer NOT NULL,
  ts        bigint NOT NULL,
  value     double precision NOT NULL,
  source    text COLLATE "C",
  PRIMARY KEY (series_id, ts)
);

CREATE TABLE coverage (
  account_id      text COLLATE "C" NOT NULL,
  provider        text COLLATE "C" NOT NULL,
  resource        text COLLATE "C" NOT NULL,
  start           text COLLATE "C" NOT NULL,
  "end"           text COLLATE "C" NOT NULL,
  first_synced_at timestamptz NOT NULL,
  last_synced_at  timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider, resource, start)
);

CREATE TABLE open_checks (
  account_id text COLLATE "C" NOT NULL,
  provider   text COLLATE "C" NOT NULL,
  resource   text COLLATE "C" NOT NULL,
  start      text COLLATE "C" NOT NULL,
  "end"      text COLLATE "C" NOT NULL,
  checked_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider, resource, start)
);

CREATE TABLE cursors (
  account_id text COLLATE "C" NOT NULL,
  provider   text COLLATE "C" NOT NULL,
  resource   text COLLATE "C" NOT NULL,
  cursor     text COLLATE "C" NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider, resource)
);

CREATE TABLE sync_runs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  text COLLATE "C" NOT NULL,
  provider    text COLLATE "C" NOT NULL,
  resources   jsonb NOT NULL,
  mode        text COLLATE "C" NOT NULL CHECK (mode IN ('incremental', 'full', 'targeted', 'fresh')),
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  status      text COLLATE "C" NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  counts      jsonb NOT NULL DEFAULT '{}',
  error       text COLLATE "C"
);
CREATE INDEX sync_runs_by_account ON sync_runs (account_id, provider, id);

CREATE TABLE events (
  account_id text COLLATE "C" NOT NULL,
  seq        bigint NOT NULL,
  at         timestamptz NOT NULL,
  provider   text COLLATE "C" NOT NULL,
  resource   text COLLATE "C" NOT NULL,
  record_id  text COLLATE "C" NOT NULL,
  day        text COLLATE "C",
  change     text COLLATE "C" NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  PRIMARY KEY (account_id, seq)
);
CREATE INDEX events_by_at ON events (account_id, at);
CREATE INDEX events_by_provider ON events (account_id, provider, resource, seq);

CREATE TABLE connections (
  account_id            text COLLATE "C" NOT NULL,
  provider              text COLLATE "C" NOT NULL,
  blob                  jsonb NOT NULL,
  reconnect_needed      boolean NOT NULL DEFAULT false,
  reconnect_reason      text COLLATE "C" CHECK (reconnect_reason IN ('rejected', 'grant_lost')),
  refresh_pending_since bigint,
  updated_at            timestamptz NOT NULL,
  PRIMARY KEY (account_id, provider)
);

CREATE TABLE meta (
  key   text COLLATE "C" PRIMARY KEY,
  value text COLLATE "C" NOT NULL
);
`,
  },
];

export const PG_LATEST_SCHEMA_VERSION = PG_MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

/**
 * PostgreSQL for tests: `TEST_DATABASE_URL` names a throw-away database (CI creates one). Without
 * it the PostgreSQL suites skip with one line, unless `WEARABLES_REQUIRE_POSTGRES=1` (CI), where a
 * missing URL fails instead. Each test file works in a schema of its own, dropped afterwards, so
 * files running in parallel never see each other's tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
export const REQUIRE_POSTGRES = process.env.WEARABLES_REQUIRE_POSTGRES === '1';

/** The reason a PostgreSQL suite skips, or null when it runs; throws when CI requires PostgreSQL. */
export function postgresSkipReason(): string | null {
  if (TEST_DATABASE_URL !== '') return null;
  if (REQUIRE_POSTGRES) throw new Error('WEARABLES_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is unset: the PostgreSQL suites cannot be skipped here.');
  return 'PostgreSQL suite skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/wearables_test) to run it.';
}

/** A fresh schema name for one test file (`t_<label>_<random>`). */
export function testSchema(label: string): string {
  return `t_${label.replace(/[^a-z0-9_]/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

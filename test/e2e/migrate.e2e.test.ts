/**
 * `wearables-mcp migrate` through the built CLI, as a user runs it: `--demo sync`, then
 * `--demo migrate --to sqlite:<file> --json` (exit 0, verified, the counts of what was copied),
 * a rerun into the same account refused (exit 2), no key in the environment refused with the
 * variable to set (exit 2, nothing created), and into PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, TEST_DATABASE_URL } from '../store/postgres-support.js';
import { assertBuilt, runCli } from './cli-helpers.js';

const KEY = randomBytes(32).toString('hex');
let home: string;

interface MigrateJson {
  ok: boolean;
  account: string;
  target: string;
  verified: boolean;
  counts: Record<string, number>;
  connections: string[];
  differences: unknown[];
  comparison: Array<{ what: string; same: boolean }>;
  error?: { code: string; message: string; hint?: string };
}

beforeAll(async () => {
  assertBuilt();
  home = await mkdtemp(join(tmpdir(), 'wearables-migrate-cli-'));
  const synced = await runCli(['--home', home, '--demo', 'sync', '--json'], {}, { timeoutMs: 120_000 });
  expect(synced.code, synced.stderr).toBe(0);
}, 150_000);
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('migrate (CLI)', () => {
  it('copies the demo home into another SQLite file, verified, printing progress on stderr and JSON on stdout', async () => {
    const target = join(home, 'copy.db');
    const result = await runCli(['--home', home, '--demo', 'migrate', '--to', `sqlite:${target}`, '--account', 'local', '--json'], { WEARABLES_MCP_ENCRYPTION_KEY: KEY }, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as MigrateJson;
    expect(answer).toMatchObject({ ok: true, verified: true, account: 'local', target, differences: [] });
    expect(answer.counts.records).toBeGreaterThan(1000);
    expect(answer.counts.samples).toBeGreaterThan(10_000);
    expect(answer.connections.length).toBeGreaterThan(1);
    expect(answer.comparison.every((row) => row.same)).toBe(true);
    expect(result.stderr).toContain('Verifying: comparing both stores');
    expect(result.stdout + result.stderr).not.toContain(KEY);

    const again = await runCli(['--home', home, '--demo', 'migrate', '--to', `sqlite:${target}`, '--account', 'local', '--json'], { WEARABLES_MCP_ENCRYPTION_KEY: KEY });
    expect(again.code).toBe(2);
    expect((JSON.parse(again.stdout) as MigrateJson).error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('already holds data') });
  }, 150_000);

  it('without a key in the environment, says which variable to set and creates nothing', async () => {
    const target = join(home, 'never.db');
    const result = await runCli(['--home', home, '--demo', 'migrate', '--to', `sqlite:${target}`], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Error (CONFIG_ERROR)');
    expect(result.stderr).toContain('WEARABLES_MCP_ENCRYPTION_KEY');
    expect(existsSync(target)).toBe(false);
  });

  const skipPostgres = postgresSkipReason();
  it.skipIf(skipPostgres !== null)(`into PostgreSQL, with a new account id printed${skipPostgres ? ` (${skipPostgres})` : ''}`, async () => {
    const name = `wearables_migrate_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      const result = await runCli(['--home', home, '--demo', 'migrate', '--to', url.toString()], { WEARABLES_MCP_ENCRYPTION_KEY: KEY }, { timeoutMs: 120_000 });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Migrated the home into account [0-9a-f-]{36} at postgres:\/\/127\.0\.0\.1:5432\//);
      expect(result.stdout).toMatch(/records +\d+ parts +\d+ rows +same/);
      expect(result.stdout).not.toContain('DIFFERENT');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 150_000);
});

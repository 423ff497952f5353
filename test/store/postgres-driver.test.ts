/**
 * PostgreSQL driver specifics the shared contract does not reach: large sample batches (COPY
 * straight into the table, or through the staging merge when points exist), the location and
 * errors never showing the password, and a refused URL or schema name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import type { Sample } from '../../src/core/types.js';
import type { StoreDatabase } from '../../src/store/database.js';
import { describePostgresUrl, openPostgresDatabase, postgresUrlPassword } from '../../src/store/postgres/index.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from './postgres-support.js';

const skip = postgresSkipReason();
const T0 = Date.parse('2024-05-01T00:00:00Z');

function series(count: number, options: { offset?: number; value?: (index: number) => number; source?: string | null } = {}): Sample[] {
  return Array.from({ length: count }, (_, index) => ({
    provider: 'oura',
    series: 'heart_rate',
    ts: T0 + ((options.offset ?? 0) + index) * 1000,
    value: options.value ? options.value(index) : 60 + (index % 30),
    source: options.source === undefined ? 'rest' : options.source,
  }));
}

describe('postgres driver loading', () => {
  it('imports node-postgres nowhere statically (only types and the dynamic import when PostgreSQL is chosen)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const offenders = files.filter((file) => /^import (?!type )[^;]*from '(pg|pg-copy-streams)';/m.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
    const opener = readFileSync(join(root, 'store', 'postgres', 'open-postgres-database.ts'), 'utf8');
    expect(opener).toContain("import('pg')");
  });
});

describe('postgres URLs', () => {
  it('describes a URL by host, port and database only, and finds its password to scrub', () => {
    expect(describePostgresUrl('postgres://me:s3cr%40t-pw@db.example:6543/health?sslmode=require')).toBe('postgres://db.example:6543/health');
    expect(describePostgresUrl('postgresql://localhost/wearables')).toBe('postgres://localhost:5432/wearables');
    expect(postgresUrlPassword('postgres://me:s3cr%40t-pw@db.example/health')).toBe('s3cr@t-pw');
    expect(postgresUrlPassword('postgres://me@db.example/health')).toBeNull();
  });

  it('refuses a URL of another scheme without repeating it', () => {
    let error: unknown;
    try {
      describePostgresUrl('mysql://me:hunter22@db/health');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WearablesError);
    expect((error as WearablesError).code).toBe('CONFIG_ERROR');
    expect((error as WearablesError).message).not.toContain('hunter22');
    expect((error as WearablesError).hint).toBeTruthy();
  });
});

describe.skipIf(skip !== null)(`postgres driver${skip === null ? '' : ` (${skip})`}`, () => {
  const schema = testSchema('driver');
  let database: StoreDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 3 });
    await database.accounts.ensure('local');
    store = database.forAccount('local');
  });
  afterAll(async () => {
    await database.close();
    await dropSchema(schema);
  });

  it('names its location without credentials and reports the postgres driver', async () => {
    expect(database.driver).toBe('postgres');
    expect(database.location).toMatch(/^postgres:\/\/[^@/]+:\d+\/[^/?]+$/);
    const stats = await store.stats();
    expect(stats.driver).toBe('postgres');
    expect(stats.path).toBe(database.location);
  });

  it('writes a large batch, re-writes it as nothing, and counts only the points that changed', async () => {
    const first = series(5_000);
    expect(await store.upsertSamples(first)).toBe(5_000);
    expect(await store.upsertSamples(first)).toBe(0);
    // Half overlapping (750 of them with new values), half new: through the merge.
    const next = series(5_000, { offset: 2_500, value: (index) => (index < 750 ? 200 : 60 + ((index + 2_500) % 30)) });
    expect(await store.upsertSamples(next)).toBe(750 + 2_500);
    const range = { provider: 'oura' as const, series: 'heart_rate', start: T0, end: T0 + 10_000_000 };
    expect(await store.countSamples(range)).toBe(7_500);
    const changed = await store.querySamples({ ...range, start: T0 + 2_500_000, limit: 2 });
    expect(changed.map((sample) => sample.value)).toEqual([200, 200]);
  });

  it('keeps sources with tabs, newlines and backslashes exact through COPY, and null sources null', async () => {
    const odd = 'wrist\tleft\\n\nline\r';
    const batch = series(3_000, { offset: 100_000, source: odd });
    batch[5] = { ...(batch[5] as Sample), source: null };
    expect(await store.upsertSamples(batch)).toBe(3_000);
    const read = await store.querySamples({ provider: 'oura', series: 'heart_rate', start: T0 + 100_000_000, end: T0 + 100_000_000 + 10_000 });
    expect(read.map((sample) => sample.source)).toEqual([odd, odd, odd, odd, odd, null, odd, odd, odd, odd]);
  });

  it('applies a later point of one batch over an earlier one for the same time', async () => {
    const batch = series(2_500, { offset: 200_000 });
    batch.push({ ...(batch[0] as Sample), value: 999 });
    expect(await store.upsertSamples(batch)).toBe(2_500);
    expect((await store.querySamples({ provider: 'oura', series: 'heart_rate', start: T0 + 200_000_000, end: T0 + 200_000_001 }))[0]?.value).toBe(999);
  });

  it('two connections writing one new batch at once store it once (the losing COPY falls back to the merge)', { timeout: 30_000 }, async () => {
    const other = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    try {
      const batch = series(4_000, { offset: 300_000 });
      const written = await Promise.all([store.upsertSamples(batch), other.forAccount('local').upsertSamples(batch)]);
      expect(written[0] + written[1]).toBe(4_000);
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0 + 300_000_000, end: T0 + 304_000_000 })).toBe(4_000);
    } finally {
      await other.close();
    }
  });

  it('refuses an unknown account and a bad schema name with a hint', async () => {
    const error = await database.forAccount('nobody').upsertRecords([
      { provider: 'oura', resource: 'daily_sleep', id: 'x', day: '2024-05-01', start: null, end: null, tzOffset: null, updatedAt: null, data: {}, raw: {} },
    ]).catch((caught: unknown) => caught);
    expect((error as WearablesError).code).toBe('NOT_FOUND');
    const badSchema = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema: 'Robert"); DROP' }).catch((caught: unknown) => caught);
    expect((badSchema as WearablesError).code).toBe('CONFIG_ERROR');
    expect((badSchema as WearablesError).hint).toBeTruthy();
  });

  it('fails to open an unreachable server with a CACHE_ERROR that does not show the password', { timeout: 20_000 }, async () => {
    const error = await openPostgresDatabase({ url: 'postgres://me:pw-never-shown@127.0.0.1:1/none' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WearablesError);
    expect((error as WearablesError).code).toBe('CACHE_ERROR');
    expect((error as WearablesError).isRetryable).toBe(true);
    expect(JSON.stringify((error as WearablesError).toJSON())).not.toContain('pw-never-shown');
  });
});

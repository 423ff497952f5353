/**
 * PostgreSQL across processes: a lease serialises real processes, a killed holder's lease is
 * freed with its connection, a holder whose connection drops learns it through the lease's
 * signal, waiting honours maxWaitMs and signal, and openers racing on a new schema migrate it once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import type { StoreDatabase } from '../../src/store/database.js';
import { openPostgresDatabase, PG_LATEST_SCHEMA_VERSION } from '../../src/store/postgres/index.js';
import { advisoryKey } from '../../src/store/postgres/migrate.js';
import { compileStoreForChild } from './compile-for-child.js';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from './postgres-support.js';

const skip = postgresSkipReason();
const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pg-lease-child.mjs');

interface Holder {
  lines: string[];
  waitFor(prefix: string): Promise<number>;
  kill(): void;
  exited: Promise<number | null>;
}

function startHolder(index: string, schema: string, key: string, holdMs: number): Holder {
  const process_ = spawn(process.execPath, [child, index, TEST_DATABASE_URL, schema, key, String(holdMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  process_.stdout.on('data', (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    for (const wake of waiters.splice(0)) wake();
  });
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => process_.on('close', (code) => resolve(code)));
  return {
    lines,
    kill: () => process_.kill('SIGKILL'),
    exited,
    async waitFor(prefix) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const line = lines.find((entry) => entry.startsWith(prefix));
        if (line) return Number(line.slice(prefix.length + 1));
        if (Date.now() > deadline) throw new Error(`no "${prefix}" line; stderr: ${stderr}`);
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), new Promise((resolve) => setTimeout(resolve, 200))]);
      }
    },
  };
}

describe.skipIf(skip !== null)(`postgres across processes${skip === null ? '' : ` (${skip})`}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'wearables-pg-processes-'));
  const schema = testSchema('processes');
  type LeasingDatabase = StoreDatabase & Required<Pick<StoreDatabase, 'lease'>>;
  const opened: StoreDatabase[] = [];
  let postgresIndex = '';
  const open = async (options: { schema?: string; pingMs?: number } = {}): Promise<LeasingDatabase> => {
    const db = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema: options.schema ?? schema, poolSize: 3, lease: { pollMs: 50, pingMs: options.pingMs ?? 5000 } });
    opened.push(db);
    if (!db.lease) throw new Error('the PostgreSQL driver must offer leases');
    return db as LeasingDatabase;
  };

  beforeAll(async () => {
    postgresIndex = join(dirname(compileStoreForChild(join(root, 'build'))), '..', 'postgres', 'index.js');
    await open();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await dropSchema(schema);
    rmSync(root, { recursive: true, force: true });
  });

  it('serialises two processes holding one lease, while a process holding another key runs alongside', { timeout: 60_000 }, async () => {
    const holders = ['sync:local:oura', 'sync:local:oura', 'sync:local:whoop'].map((key) => startHolder(postgresIndex, schema, key, 1500));
    const spans = await Promise.all(holders.map(async (holder) => ({ held: await holder.waitFor('held'), released: await holder.waitFor('released') })));
    const [a, b, other] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
    // One key: the later holder got it only after the earlier one released it.
    const [earlier, later] = a.held <= b.held ? [a, b] : [b, a];
    expect(later.held).toBeGreaterThanOrEqual(earlier.released);
    // Another key: held at the same time as one of them.
    expect(other.held < later.released && other.released > earlier.held).toBe(true);
    expect(await Promise.all(holders.map((holder) => holder.exited))).toEqual([0, 0, 0]);
  });

  it("frees a killed holder's lease as soon as its connection is gone", { timeout: 60_000 }, async () => {
    const db = await open();
    const holder = startHolder(postgresIndex, schema, 'sync:local:killed', -1);
    await holder.waitFor('held');
    let waited = false;
    const acquiring = db.lease('sync:local:killed', { onWait: () => (waited = true), maxWaitMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    holder.kill();
    const lease = await acquiring;
    expect(waited).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(lease.signal.aborted).toBe(false);
    await lease.release();
  });

  it("aborts a holder's signal when its connection is dropped, and frees the lease for others", { timeout: 30_000 }, async () => {
    const db = await open({ pingMs: 200 });
    const lease = await db.lease('sync:local:dropped');
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      // Only this lease's backend: other test files hold advisory locks of their own meanwhile.
      const key = BigInt.asUintN(64, BigInt(advisoryKey(`wearables-mcp:lease:${schema}:sync:local:dropped`)));
      const holders = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid::bigint = $1 AND objid::bigint = $2",
        [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
      );
      expect(holders.rows).toHaveLength(1);
      for (const { pid } of holders.rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    await new Promise<void>((resolve) => (lease.signal.aborted ? resolve() : lease.signal.addEventListener('abort', () => resolve())));
    expect(lease.signal.reason).toBeInstanceOf(WearablesError);
    expect((lease.signal.reason as WearablesError).code).toBe('SYNC_ERROR');
    await lease.release();
    const other = await (await open()).lease('sync:local:dropped', { maxWaitMs: 2_000 });
    await other.release();
  });

  it('gives up waiting after maxWaitMs, and stops at once when the signal aborts', { timeout: 30_000 }, async () => {
    const holder = await (await open()).lease('sync:local:busy');
    const waiter = await open();
    const started = Date.now();
    const timedOut = await waiter.lease('sync:local:busy', { maxWaitMs: 400 }).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(WearablesError);
    expect((timedOut as WearablesError).code).toBe('SYNC_ERROR');
    expect((timedOut as WearablesError).hint).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(3_000);
    const controller = new AbortController();
    const cancelled = waiter.lease('sync:local:busy', { signal: controller.signal }).catch((error: unknown) => error);
    setTimeout(() => controller.abort(new WearablesError('SYNC_ERROR', 'cancelled by the test', { hint: 'none' })), 100);
    expect(((await cancelled) as Error).message).toBe('cancelled by the test');
    await holder.release();
    await (await waiter.lease('sync:local:busy', { maxWaitMs: 2_000 })).release();
  });

  it('migrates a new schema once when several openers race on it', { timeout: 60_000 }, async () => {
    const fresh = testSchema('race');
    try {
      const racers = await Promise.all(Array.from({ length: 4 }, () => open({ schema: fresh })));
      for (const db of racers) expect(await db.schemaVersion()).toBe(PG_LATEST_SCHEMA_VERSION);
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        const rows = await admin.query<{ version: number; n: string }>(`SELECT version, count(*) AS n FROM "${fresh}".schema_migrations GROUP BY version ORDER BY version`);
        expect(rows.rows.map((row) => [row.version, Number(row.n)])).toEqual(Array.from({ length: PG_LATEST_SCHEMA_VERSION }, (_, index) => [index + 1, 1]));
      } finally {
        await admin.end();
      }
      // Opening again is a no-op.
      expect(await (await open({ schema: fresh })).schemaVersion()).toBe(PG_LATEST_SCHEMA_VERSION);
    } finally {
      await dropSchema(fresh);
    }
  });
});

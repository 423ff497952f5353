// Account dump and restore (what `wearables-mcp migrate --to` streams), on a synthetic home:
// RECORDS records and SAMPLES samples written through the SQLite store, then exportAccount ->
// importAccount into another SQLite file and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) into a
// fresh PostgreSQL database, and the verification digest of both sides. Prints rows/s per phase.
// Run after `npm run build`: node bench/migrate-bench.mjs [records] [samples]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const dist = new URL('../dist/', import.meta.url);
const { openSqliteDatabase } = await import(new URL('store/sqlite/index.js', dist));
const { openPostgresDatabase } = await import(new URL('store/postgres/index.js', dist));
const { digestAccount, compareDigests } = await import(new URL('store/account-digest.js', dist));

const RECORDS = Number(process.argv[2] ?? 20_000);
const SAMPLES = Number(process.argv[3] ?? 500_000);
const folder = mkdtempSync(join(tmpdir(), 'wearables-migrate-bench-'));
const seconds = (start) => (performance.now() - start) / 1000;
const rate = (rows, s) => `${Math.round(rows / s).toLocaleString('en-US')} rows/s`;

try {
  const home = await openSqliteDatabase({ path: join(folder, 'home.db') });
  await home.accounts.ensure('local');
  const store = home.forAccount('local');
  let started = performance.now();
  const day0 = Date.parse('2020-01-01T00:00:00Z');
  for (let offset = 0; offset < RECORDS; offset += 1000) {
    const batch = [];
    for (let index = offset; index < Math.min(RECORDS, offset + 1000); index++) {
      const day = new Date(day0 + (index % 2000) * 86_400_000).toISOString().slice(0, 10);
      const resource = `resource_${Math.floor(index / 2000)}`;
      batch.push({ provider: 'oura', resource, id: `${resource}-${index}`, day, start: `${day}T00:00:00+01:00`, end: null, tzOffset: '+01:00', updatedAt: null, data: { score: index % 100, seconds: index * 7 }, raw: { id: index, day, payload: 'x'.repeat(200) } });
    }
    await store.upsertRecords(batch);
  }
  for (let offset = 0; offset < SAMPLES; offset += 50_000) {
    const batch = [];
    for (let index = offset; index < Math.min(SAMPLES, offset + 50_000); index++) batch.push({ provider: 'oura', series: 'heart_rate', ts: day0 + index * 60_000, value: 50 + (index % 40), source: index % 2 ? 'rest' : 'awake' });
    await store.upsertSamples(batch);
  }
  console.log(`home: ${RECORDS.toLocaleString('en-US')} records, ${SAMPLES.toLocaleString('en-US')} samples written in ${seconds(started).toFixed(1)} s`);

  started = performance.now();
  const sourceDigest = await digestAccount(store);
  console.log(`digest of the home: ${seconds(started).toFixed(2)} s (${rate(RECORDS + SAMPLES, seconds(started))})`);

  const targets = [['sqlite', () => openSqliteDatabase({ path: join(folder, 'target.db') }), async () => undefined]];
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (admin) {
    const name = `wearables_migrate_bench_${randomBytes(4).toString('hex')}`;
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const run = async (sql) => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    targets.push(['postgres', async () => (await run(`CREATE DATABASE ${name}`), openPostgresDatabase({ url: url.toString() })), () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)]);
  } else {
    console.log('postgres: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
  }
  for (const [label, open, drop] of targets) {
    const target = await open();
    try {
      started = performance.now();
      const counts = await target.importAccount('copy', home.exportAccount('local'));
      const copied = seconds(started);
      started = performance.now();
      const digest = await digestAccount(target.forAccount('copy'));
      const verified = seconds(started);
      const same = compareDigests(sourceDigest, digest).equal;
      console.log(`${label}: export+import ${copied.toFixed(2)} s (${rate(counts.records + counts.samples + counts.events, copied)}), digest ${verified.toFixed(2)} s, same: ${same}`);
    } finally {
      await target.close();
      await drop();
    }
  }
  await home.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

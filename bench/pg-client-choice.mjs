// Which PostgreSQL client the store uses, by measurement (no build needed):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/pg-client-choice.mjs [--samples 100000] [--reads 500]
// Compares node-postgres (pg: a multi-row `unnest` insert, and COPY through pg-copy-streams) with
// postgres.js (its multi-row insert helper, and its COPY stream) on: ingest of N samples, a 30-day
// records read p50, a trivial query round trip p50, and the time to import each module (a fresh
// child process per import, so nothing is cached). Every client writes into its own schema of one
// throw-away database; ratios are against node-postgres `unnest` (ingest) / node-postgres (reads).
// postgres.js is not a dependency (node-postgres was chosen): `npm install --no-save postgres@4.2.0`
// first to compare again; without it only node-postgres is measured.
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const URL_TEXT = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLES = argument('samples', 100_000);
const READS = argument('reads', 500);
const PINGS = argument('pings', 2_000);
const BATCH = 10_000;
const T0 = Date.parse('2020-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
const DAYS = 5 * 365;
const SCHEMA = `bench_client_${process.pid}`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const p50 = (times) => quantile([...times].sort((a, b) => a - b), 0.5);
const format = (value) => Math.round(value).toLocaleString('en-US');

function importMs(specifier) {
  // Median of 5 fresh processes: the time from start of the import to its resolution.
  const code = `const t=performance.now();await import(${JSON.stringify(specifier)});process.stdout.write(String(performance.now()-t))`;
  const times = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })));
  return p50(times);
}

function sampleColumns(offset, count) {
  const ts = new Array(count);
  const value = new Array(count);
  const source = new Array(count);
  for (let index = 0; index < count; index += 1) {
    const n = offset + index;
    ts[index] = T0 + n * 300_000;
    value[index] = 55 + (n % 40);
    source[index] = n % 3 === 0 ? 'rest' : 'awake';
  }
  return { ts, value, source };
}

function copyText(offset, count) {
  const { ts, value, source } = sampleColumns(offset, count);
  let text = '';
  for (let index = 0; index < count; index += 1) text += `1\t${ts[index]}\t${value[index]}\t${source[index]}\n`;
  return text;
}

const DDL = (schema) => `
CREATE SCHEMA ${schema};
CREATE TABLE ${schema}.samples (series_id integer NOT NULL, ts bigint NOT NULL, value double precision NOT NULL, source text, PRIMARY KEY (series_id, ts));
CREATE TABLE ${schema}.records (provider text NOT NULL, resource text NOT NULL, id text NOT NULL, day text, start text, data jsonb NOT NULL, raw jsonb,
  PRIMARY KEY (provider, resource, id));
CREATE INDEX ON ${schema}.records (provider, resource, day, start);`;

function sleepDocument(day, index) {
  const bedtime = `${day}T23:10:00+01:00`;
  const items = (base) => Array.from({ length: 96 }, (_, i) => base + ((index * 7 + i * 13) % 25));
  return {
    id: `sl-${day}`,
    day,
    start: bedtime,
    data: { total_sleep_seconds: 26_000 + index, average_heart_rate_bpm: 52.5, average_hrv_ms: 45, efficiency_percent: 90, type: 'long_sleep' },
    raw: { id: `sl-${day}`, day, bedtime_start: bedtime, heart_rate: { interval: 300, items: items(46) }, hrv: { interval: 300, items: items(30) }, movement_30_sec: '1121'.repeat(237) },
  };
}

const allDays = Array.from({ length: DAYS }, (_, index) => new Date(T0 + index * DAY_MS).toISOString().slice(0, 10));
const windows = Array.from({ length: READS }, (_, index) => {
  const first = (index * 7919) % (DAYS - 30);
  return [allDays[first], allDays[first + 29]];
});

async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function benchPg() {
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const schema = `${SCHEMA}_pg`;
  const pool = new pg.Pool({ connectionString: URL_TEXT, max: 2 });
  const client = await pool.connect();
  try {
    await client.query(DDL(schema));
    const unnestMs = await timed(async () => {
      for (let offset = 0; offset < SAMPLES; offset += BATCH) {
        const { ts, value, source } = sampleColumns(offset, Math.min(BATCH, SAMPLES - offset));
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO ${schema}.samples (series_id, ts, value, source) SELECT 1, * FROM unnest($1::bigint[], $2::float8[], $3::text[])
           ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source`,
          [ts, value, source],
        );
        await client.query('COMMIT');
      }
    });
    await client.query(`TRUNCATE ${schema}.samples`);
    const copyMs = await timed(async () => {
      for (let offset = 0; offset < SAMPLES; offset += BATCH) {
        await client.query('BEGIN');
        await pipeline(Readable.from([copyText(offset, Math.min(BATCH, SAMPLES - offset))]), client.query(copyFrom(`COPY ${schema}.samples (series_id, ts, value, source) FROM STDIN`)));
        await client.query('COMMIT');
      }
    });
    for (let offset = 0; offset < DAYS; offset += 100) {
      const docs = allDays.slice(offset, offset + 100).map((day, index) => sleepDocument(day, offset + index));
      await client.query(
        `INSERT INTO ${schema}.records (provider, resource, id, day, start, data, raw) SELECT 'oura', 'sleep', * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`,
        [docs.map((d) => d.id), docs.map((d) => d.day), docs.map((d) => d.start), docs.map((d) => JSON.stringify(d.data)), docs.map((d) => JSON.stringify(d.raw))],
      );
    }
    await client.query(`ANALYZE ${schema}.records`);
    const readTimes = [];
    const readSql = { name: 'bench-read', text: `SELECT id, day, start, data, raw FROM ${schema}.records WHERE provider = $1 AND resource = $2 AND day >= $3 AND day <= $4 ORDER BY day, start` };
    for (const [startDay, endDay] of windows) {
      readTimes.push(await timed(async () => {
        const result = await client.query({ ...readSql, values: ['oura', 'sleep', startDay, endDay] });
        if (result.rows.length !== 30) throw new Error(`expected 30 rows, got ${result.rows.length}`);
      }));
    }
    const pingTimes = [];
    for (let index = 0; index < PINGS; index += 1) pingTimes.push(await timed(() => client.query('SELECT 1')));
    return { unnestRate: SAMPLES / (unnestMs / 1000), copyRate: SAMPLES / (copyMs / 1000), readP50: p50(readTimes), pingP50: p50(pingTimes) };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    client.release();
    await pool.end();
  }
}

async function benchPostgresJs() {
  const { default: postgres } = await import('postgres');
  const schema = `${SCHEMA}_js`;
  const sql = postgres(URL_TEXT, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(DDL(schema));
    const insertMs = await timed(async () => {
      for (let offset = 0; offset < SAMPLES; offset += BATCH) {
        const { ts, value, source } = sampleColumns(offset, Math.min(BATCH, SAMPLES - offset));
        const rows = ts.map((t, index) => ({ series_id: 1, ts: t, value: value[index], source: source[index] }));
        // postgres.js's multi-row insert helper: sql(rows) expands to VALUES (...), (...).
        // 10k rows x 4 columns = 40k parameters, under the 65,535 limit.
        await sql.begin((tx) => tx`INSERT INTO ${tx(schema)}.samples ${tx(rows)}
          ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source`);
      }
    });
    await sql.unsafe(`TRUNCATE ${schema}.samples`);
    const copyMs = await timed(async () => {
      for (let offset = 0; offset < SAMPLES; offset += BATCH) {
        await sql.begin(async (tx) => {
          const writable = await tx.unsafe(`COPY ${schema}.samples (series_id, ts, value, source) FROM STDIN`).writable();
          await pipeline(Readable.from([copyText(offset, Math.min(BATCH, SAMPLES - offset))]), writable);
        });
      }
    });
    for (let offset = 0; offset < DAYS; offset += 100) {
      const docs = allDays.slice(offset, offset + 100).map((day, index) => sleepDocument(day, offset + index));
      const rows = docs.map((d) => ({ provider: 'oura', resource: 'sleep', id: d.id, day: d.day, start: d.start, data: sql.json(d.data), raw: sql.json(d.raw) }));
      await sql`INSERT INTO ${sql(schema)}.records ${sql(rows)}`;
    }
    await sql.unsafe(`ANALYZE ${schema}.records`);
    const readTimes = [];
    for (const [startDay, endDay] of windows) {
      readTimes.push(await timed(async () => {
        const rows = await sql`SELECT id, day, start, data, raw FROM ${sql(schema)}.records WHERE provider = ${'oura'} AND resource = ${'sleep'} AND day >= ${startDay} AND day <= ${endDay} ORDER BY day, start`;
        if (rows.length !== 30) throw new Error(`expected 30 rows, got ${rows.length}`);
      }));
    }
    const pingTimes = [];
    for (let index = 0; index < PINGS; index += 1) pingTimes.push(await timed(() => sql`SELECT 1`));
    return { unnestRate: SAMPLES / (insertMs / 1000), copyRate: SAMPLES / (copyMs / 1000), readP50: p50(readTimes), pingP50: p50(pingTimes) };
  } finally {
    await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await sql.end();
  }
}

const hasPostgresJs = await import('postgres').then(() => true, () => false);
const importPg = importMs('pg');
const importPgCopy = importMs('pg-copy-streams');
const pg = await benchPg();
const ratio = (a, b) => (a / b).toFixed(2);
if (!hasPostgresJs) {
  console.log(`node-postgres: unnest ${format(pg.unnestRate)}/s, COPY ${format(pg.copyRate)}/s, read p50 ${pg.readP50.toFixed(3)} ms, ping p50 ${pg.pingP50.toFixed(3)} ms, ` +
    `import ${importPg.toFixed(1)} ms (+ pg-copy-streams ${importPgCopy.toFixed(1)} ms); postgres.js not installed (npm install --no-save postgres@4.2.0 to compare)`);
  process.exit(0);
}
const importJs = importMs('postgres');
const js = await benchPostgresJs();
console.log(`PostgreSQL client choice (${format(SAMPLES)} samples in batches of ${format(BATCH)}; ${READS} reads of 30 of ${DAYS} sleep documents; ${PINGS} round trips)`);
console.log(`ingest   node-postgres unnest ${format(pg.unnestRate)}/s | node-postgres COPY ${format(pg.copyRate)}/s (${ratio(pg.copyRate, pg.unnestRate)}x) | ` +
  `postgres.js insert ${format(js.unnestRate)}/s (${ratio(js.unnestRate, pg.unnestRate)}x) | postgres.js COPY ${format(js.copyRate)}/s (${ratio(js.copyRate, pg.unnestRate)}x)`);
console.log(`read p50 node-postgres ${pg.readP50.toFixed(3)} ms | postgres.js ${js.readP50.toFixed(3)} ms (${ratio(js.readP50, pg.readP50)}x)`);
console.log(`ping p50 node-postgres ${pg.pingP50.toFixed(3)} ms | postgres.js ${js.pingP50.toFixed(3)} ms (${ratio(js.pingP50, pg.pingP50)}x)`);
console.log(`import   pg ${importPg.toFixed(1)} ms (+ pg-copy-streams ${importPgCopy.toFixed(1)} ms) | postgres ${importJs.toFixed(1)} ms (${ratio(importJs, importPg)}x)`);

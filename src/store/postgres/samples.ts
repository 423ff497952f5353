/**
 * Samples on PostgreSQL: `(series_id, ts, value, source)` with the (account, provider, name)
 * interned in `series`. A large batch is streamed with COPY into a per-connection staging table
 * and merged with one `INSERT ... SELECT ... ON CONFLICT`; a small one goes in as one multi-row
 * `unnest` insert. Either way identical points write nothing and are not counted. A large batch
 * whose span holds no stored point of its series is COPYed straight into `samples`.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, Sample } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { paging } from '../query-paging.js';
import type { SampleBucket, SampleQuery } from '../store.js';
import type { PgContext, Queryable } from './pg-context.js';

/** From this many samples on, COPY beats a multi-row insert (bench/postgres-store-bench.mjs). */
export const COPY_THRESHOLD = 2_000;

const MERGE = `ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source
WHERE samples.value IS DISTINCT FROM excluded.value OR samples.source IS DISTINCT FROM excluded.source`;

/** Validates a batch before any transaction starts; a later point for one (series, ts) wins. */
export function prepareSamples(samples: readonly Sample[]): Sample[] {
  for (const sample of samples) validateSample(sample);
  if (isStrictlyOrdered(samples)) return [...samples];
  const last = new Map<string, Sample>();
  for (const sample of samples) last.set(`${sample.provider}\u0000${sample.series}\u0000${sample.ts}`, sample);
  return last.size === samples.length ? [...samples] : [...last.values()];
}

/** True when every sample follows the one before in time within one series: no duplicates (the usual batch). */
function isStrictlyOrdered(samples: readonly Sample[]): boolean {
  for (let index = 1; index < samples.length; index += 1) {
    const previous = samples[index - 1] as Sample;
    const sample = samples[index] as Sample;
    if (sample.series !== previous.series || sample.provider !== previous.provider || sample.ts <= previous.ts) return false;
  }
  return true;
}

/** Series ids of the batch's (provider, name) pairs, created when absent (inside the caller's transaction). */
async function seriesIds(client: Queryable, accountId: string, samples: readonly Sample[]): Promise<Map<string, number>> {
  const pairs = new Map<string, { provider: string; name: string }>();
  for (const sample of samples) pairs.set(`${sample.provider}\u0000${sample.series}`, { provider: sample.provider, name: sample.series });
  const providers = [...pairs.values()].map((pair) => pair.provider);
  const names = [...pairs.values()].map((pair) => pair.name);
  await client.query(
    `INSERT INTO series (account_id, provider, name) SELECT $1, p, n FROM unnest($2::text[], $3::text[]) AS s (p, n)
ON CONFLICT (account_id, provider, name) DO NOTHING`,
    [accountId, providers, names],
  );
  const { rows } = await client.query<{ series_id: number; provider: string; name: string }>(
    `SELECT s.series_id, s.provider, s.name FROM series s JOIN unnest($2::text[], $3::text[]) AS k (p, n) ON s.provider = k.p AND s.name = k.n WHERE s.account_id = $1`,
    [accountId, providers, names],
  );
  return new Map(rows.map((row) => [`${row.provider}\u0000${row.name}`, row.series_id]));
}

const stagedClients = new WeakSet<object>();

/** Writes prepared samples inside the caller's transaction; returns rows inserted or changed. */
export async function writeSamples(context: PgContext, client: Queryable & object, accountId: string, samples: readonly Sample[]): Promise<number> {
  if (samples.length === 0) return 0;
  const ids = await seriesIds(client, accountId, samples);
  // Consecutive samples mostly share their series: look each up once.
  let last: Sample | undefined;
  let lastId = 0;
  const seriesOf = (sample: Sample): number => {
    if (last === undefined || sample.series !== last.series || sample.provider !== last.provider) {
      last = sample;
      lastId = ids.get(`${sample.provider}\u0000${sample.series}`) ?? 0;
    }
    return lastId;
  };
  if (samples.length < COPY_THRESHOLD) {
    const result = await client.query(
      `INSERT INTO samples (series_id, ts, value, source) SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::text[]) ${MERGE}`,
      [samples.map(seriesOf), samples.map((sample) => sample.ts), samples.map((sample) => sample.value), samples.map((sample) => sample.source ?? null)],
    );
    return result.rowCount ?? 0;
  }
  const copy = (sql: string): Promise<void> =>
    pipeline(Readable.from(copyLines(samples, seriesOf)), (client as unknown as { query(stream: unknown): NodeJS.WritableStream }).query(context.copyFrom(sql)));
  // Fast path: no stored point of these series in the batch's time span (a first sync, a backfill,
  // a window whose range was just replaced): COPY straight into the table. A concurrent writer
  // that stored one of the points meanwhile makes it fail on the key; the savepoint then undoes
  // it and the merge below runs instead.
  if (!(await anyStoredInSpan(client, samples, seriesOf))) {
    await client.query('SAVEPOINT sample_copy');
    try {
      await copy('COPY samples (series_id, ts, value, source) FROM STDIN');
      await client.query('RELEASE SAVEPOINT sample_copy');
      return samples.length;
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') throw error;
      await client.query('ROLLBACK TO SAVEPOINT sample_copy');
    }
  }
  if (!stagedClients.has(client)) {
    // One staging table per connection, emptied at every commit (no catalog churn per batch).
    await client.query('CREATE TEMP TABLE IF NOT EXISTS sample_staging (series_id integer, ts bigint, value double precision, source text) ON COMMIT DELETE ROWS');
    stagedClients.add(client);
  }
  await client.query('DELETE FROM sample_staging');
  await copy('COPY sample_staging (series_id, ts, value, source) FROM STDIN');
  const result = await client.query(`INSERT INTO samples (series_id, ts, value, source) SELECT series_id, ts, value, source FROM sample_staging ${MERGE}`);
  return result.rowCount ?? 0;
}

/** Whether any stored point of the batch's series lies between the batch's first and last ts (one index probe per series). */
async function anyStoredInSpan(client: Queryable, samples: readonly Sample[], seriesOf: (sample: Sample) => number): Promise<boolean> {
  const spans = new Map<number, { min: number; max: number }>();
  for (const sample of samples) {
    const id = seriesOf(sample);
    const span = spans.get(id);
    if (!span) spans.set(id, { min: sample.ts, max: sample.ts });
    else {
      if (sample.ts < span.min) span.min = sample.ts;
      if (sample.ts > span.max) span.max = sample.ts;
    }
  }
  const ids = [...spans.keys()];
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS s (id, lo, hi)
  WHERE EXISTS (SELECT 1 FROM samples x WHERE x.series_id = s.id AND x.ts >= s.lo AND x.ts <= s.hi)) AS found`,
    [ids, ids.map((id) => spans.get(id)?.min), ids.map((id) => spans.get(id)?.max)],
  );
  return rows[0]?.found === true;
}

/** COPY text format, 4,096 rows per chunk. Sources are escaped (tab, newline, backslash). */
function* copyLines(samples: readonly Sample[], seriesOf: (sample: Sample) => number): Generator<string> {
  let chunk = '';
  // Consecutive samples mostly share their series and source: resolve and escape each once.
  let lastSeries: Sample | undefined;
  let lastId = 0;
  let lastSource: string | null | undefined;
  let lastEscaped = '\\N';
  for (let index = 0; index < samples.length; index += 1) {
    const sample = samples[index] as Sample;
    if (lastSeries === undefined || sample.series !== lastSeries.series || sample.provider !== lastSeries.provider) {
      lastSeries = sample;
      lastId = seriesOf(sample);
    }
    const source = sample.source ?? null;
    if (source !== lastSource) {
      lastSource = source;
      lastEscaped = source === null ? '\\N' : source.replace(/[\\\t\n\r]/g, escapeCopy);
    }
    chunk += `${lastId}\t${sample.ts}\t${sample.value}\t${lastEscaped}\n`;
    if ((index & 4095) === 4095) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

function escapeCopy(character: string): string {
  return character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r';
}

const SERIES_ID = '(SELECT series_id FROM series WHERE account_id = $1 AND provider = $2 AND name = $3)';

export async function deleteSampleRange(db: Queryable, accountId: string, provider: ProviderId, series: string, start: number, end: number): Promise<number> {
  validateRange(start, end);
  const result = await db.query(`DELETE FROM samples WHERE series_id = ${SERIES_ID} AND ts >= $4 AND ts < $5`, [accountId, provider, series, start, end]);
  return result.rowCount ?? 0;
}

export async function querySamples(db: Queryable, accountId: string, query: SampleQuery): Promise<Sample[]> {
  validateRange(query.start, query.end);
  const { limit, offset } = paging(query.limit, query.offset);
  const { rows } = await db.query<{ ts: number; value: number; source: string | null }>(
    `SELECT ts, value, source FROM samples WHERE series_id = ${SERIES_ID} AND ts >= $4 AND ts < $5 ORDER BY ts LIMIT $6 OFFSET $7`,
    [accountId, query.provider, query.series, query.start, query.end, limit < 0 ? null : limit, offset],
  );
  return rows.map((row) => ({ provider: query.provider, series: query.series, ts: row.ts, value: row.value, source: row.source }));
}

export async function countSamples(db: Queryable, accountId: string, query: Omit<SampleQuery, 'limit' | 'offset'>): Promise<number> {
  validateRange(query.start, query.end);
  const { rows } = await db.query<{ count: number }>(`SELECT count(*) AS count FROM samples WHERE series_id = ${SERIES_ID} AND ts >= $4 AND ts < $5`, [
    accountId,
    query.provider,
    query.series,
    query.start,
    query.end,
  ]);
  return rows[0]?.count ?? 0;
}

export async function aggregateSamples(db: Queryable, accountId: string, query: Omit<SampleQuery, 'limit' | 'offset'> & { bucketMs: number }): Promise<SampleBucket[]> {
  validateRange(query.start, query.end);
  if (!Number.isInteger(query.bucketMs) || query.bucketMs < 1) {
    throw new WearablesError('VALIDATION_ERROR', `bucketMs must be a positive whole number of milliseconds (got ${String(query.bucketMs)}).`, {
      hint: 'Use e.g. 3600000 for hourly or 86400000 for daily buckets.',
    });
  }
  // Floor division that also aligns timestamps before 1970 to the bucket below them.
  const { rows } = await db.query<SampleBucket>(
    `SELECT ts - (((ts % $6) + $6) % $6) AS start, count(*) AS count, min(value) AS min, avg(value) AS avg, max(value) AS max
FROM samples WHERE series_id = ${SERIES_ID} AND ts >= $4 AND ts < $5 GROUP BY 1 ORDER BY 1`,
    [accountId, query.provider, query.series, query.start, query.end, query.bucketMs],
  );
  return rows;
}

function validateSample(sample: Sample): void {
  const valid =
    isProviderIdShape(sample.provider) &&
    typeof sample.series === 'string' &&
    sample.series !== '' &&
    Number.isSafeInteger(sample.ts) &&
    typeof sample.value === 'number' &&
    Number.isFinite(sample.value) &&
    (sample.source === undefined || sample.source === null || typeof sample.source === 'string');
  if (!valid) {
    throw new WearablesError('VALIDATION_ERROR', `Sample of series ${String(sample.series).slice(0, 60)} at ts ${String(sample.ts)} is invalid; nothing in this batch was stored.`, {
      hint: 'A sample needs a provider id, a series name, an integer epoch-ms ts and a finite numeric value.',
    });
  }
}

export function validateRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end) {
    throw new WearablesError('VALIDATION_ERROR', `Sample range [${String(start)}, ${String(end)}) is not a valid epoch-ms range.`, {
      hint: 'Give start and end as integer epoch milliseconds with start <= end.',
    });
  }
}

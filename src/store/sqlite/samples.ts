/**
 * The compact time-series table. Rows are `(series_id, ts, value, source)` in a WITHOUT ROWID
 * table clustered on the key, with provider + series name interned once in `series`.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, Sample } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { paging } from '../query-paging.js';
import type { SampleBucket, SampleQuery } from '../store.js';
import type { AccountContext } from './sqlite-context.js';

const SERIES_ID = '(SELECT series_id FROM series WHERE account_id = ? AND provider = ? AND name = ?)';
const UPSERT = `INSERT INTO samples (series_id, ts, value, source) VALUES (?, ?, ?, ?)
ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source
WHERE samples.value IS NOT excluded.value OR samples.source IS NOT excluded.source`;

/**
 * Upserts samples in one transaction. Returns how many rows were inserted or changed
 * (re-writing an identical sample is skipped and not counted).
 */
export function upsertSamples(context: AccountContext, samples: readonly Sample[]): number {
  if (samples.length === 0) return 0;
  validateSamples(samples);
  return context.db.transaction(() => applySamples(context, samples)).immediate();
}

/** Refuses a batch with any invalid sample (before anything is written). */
export function validateSamples(samples: readonly Sample[]): void {
  for (const sample of samples) validateSample(sample);
}

/** Writes validated samples; call inside a transaction. Returns rows inserted or changed. */
export function applySamples(context: AccountContext, samples: readonly Sample[]): number {
  const upsert = context.statement(UPSERT);
  // Batches are usually one series: remember the last one instead of hashing every sample.
  let lastProvider = '';
  let lastSeries = '';
  let seriesId = 0;
  let written = 0;
  for (const sample of samples) {
    if (sample.series !== lastSeries || sample.provider !== lastProvider) {
      seriesId = internSeries(context, sample.provider, sample.series);
      lastProvider = sample.provider;
      lastSeries = sample.series;
    }
    written += upsert.run(seriesId, sample.ts, sample.value, sample.source ?? null).changes;
  }
  return written;
}

/** Deletes samples of one series in `[start, end)`. */
export function deleteSamples(context: AccountContext, provider: ProviderId, series: string, start: number, end: number): number {
  validateRange(start, end);
  return context.statement(`DELETE FROM samples WHERE series_id = ${SERIES_ID} AND ts >= ? AND ts < ?`).run(context.accountId, provider, series, start, end).changes;
}

/** Samples of one series in `[start, end)`, ascending by time. */
export function querySamples(context: AccountContext, query: SampleQuery): Sample[] {
  validateRange(query.start, query.end);
  const { limit, offset } = paging(query.limit, query.offset);
  const rows = context
    .statement(`SELECT ts, value, source FROM samples WHERE series_id = ${SERIES_ID} AND ts >= ? AND ts < ? ORDER BY ts LIMIT ? OFFSET ?`)
    .all(context.accountId, query.provider, query.series, query.start, query.end, limit, offset) as Array<{ ts: number; value: number; source: string | null }>;
  return rows.map((row) => ({ provider: query.provider, series: query.series, ts: row.ts, value: row.value, source: row.source }));
}

/** How many samples of one series fall in `[start, end)`. */
export function countSamples(context: AccountContext, query: Omit<SampleQuery, 'limit' | 'offset'>): number {
  validateRange(query.start, query.end);
  const row = context
    .statement(`SELECT count(*) AS count FROM samples WHERE series_id = ${SERIES_ID} AND ts >= ? AND ts < ?`)
    .get(context.accountId, query.provider, query.series, query.start, query.end) as { count: number };
  return row.count;
}

/** min/avg/max/count per epoch-aligned bucket of `bucketMs`, computed in SQL. */
export function aggregateSamples(context: AccountContext, query: Omit<SampleQuery, 'limit' | 'offset'> & { bucketMs: number }): SampleBucket[] {
  validateRange(query.start, query.end);
  if (!Number.isInteger(query.bucketMs) || query.bucketMs < 1) {
    throw new WearablesError('VALIDATION_ERROR', `bucketMs must be a positive whole number of milliseconds (got ${String(query.bucketMs)}).`, {
      hint: 'Use e.g. 3600000 for hourly or 86400000 for daily buckets.',
    });
  }
  // Floor division that also aligns timestamps before 1970 to the bucket below them.
  const bucket = '(ts - (((ts % :bucket) + :bucket) % :bucket))';
  const sql = `SELECT ${bucket} AS start, count(*) AS count, min(value) AS min, avg(value) AS avg, max(value) AS max
FROM samples WHERE series_id = (SELECT series_id FROM series WHERE account_id = :account AND provider = :provider AND name = :series) AND ts >= :start AND ts < :end
GROUP BY 1 ORDER BY 1`;
  return context.statement(sql).all({
    bucket: query.bucketMs,
    account: context.accountId,
    provider: query.provider,
    series: query.series,
    start: query.start,
    end: query.end,
  }) as SampleBucket[];
}

function internSeries(context: AccountContext, provider: string, series: string): number {
  const select = context.statement('SELECT series_id FROM series WHERE account_id = ? AND provider = ? AND name = ?');
  const found = select.get(context.accountId, provider, series) as { series_id: number } | undefined;
  if (found) return found.series_id;
  return Number(context.statement('INSERT INTO series (account_id, provider, name) VALUES (?, ?, ?)').run(context.accountId, provider, series).lastInsertRowid);
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

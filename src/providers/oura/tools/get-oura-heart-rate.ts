/**
 * `get_oura_heart_rate`: heart rate over a day range. By default aggregated into buckets
 * (min/avg/max/count) at a resolution chosen so the answer fits; `resolution: 'raw'` pages the
 * raw samples with limit/offset. Days and bucket boundaries are the person's (the latest offset
 * Oura reported for them), not the server's. The span is local days or exact ISO-8601 instants
 * (`start_datetime`/`end_datetime`, see heart-rate-span.ts).
 */
import { z } from 'zod';
import type { SampleBucket } from '../../../store/store.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { declaredResource, syncWindow, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { personZone } from '../../../mcp/tools/shared/person-zone.js';
import { zonedBuckets } from '../../../mcp/tools/shared/zoned-buckets.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { offsetInput } from '../../../mcp/tools/shared/inputs.js';
import { OURA, OURA_READ_HINTS } from './oura-common.js';
import { heartRateSpanShape, resolveHeartRateSpan } from './heart-rate-span.js';

const MINUTE = 60_000;
/** Bucket sizes by name, finest first. */
export const RESOLUTIONS = { '5m': 5, '15m': 15, '30m': 30, '1h': 60, '3h': 180, '6h': 360, '12h': 720, '1d': 1440 } as const;
type Resolution = keyof typeof RESOLUTIONS;
/** Most buckets an automatic resolution may produce (keeps a 7-day answer well under budget). */
export const MAX_AUTO_BUCKETS = 56;
const BUDGET_BYTES = 8_000;

/** The finest resolution whose bucket count over `spanMs` stays within `MAX_AUTO_BUCKETS`. */
export function autoResolution(spanMs: number): Resolution {
  for (const [name, minutes] of Object.entries(RESOLUTIONS) as Array<[Resolution, number]>) {
    if (Math.ceil(spanMs / (minutes * MINUTE)) <= MAX_AUTO_BUCKETS) return name;
  }
  return '1d';
}

const bucketSchema = z.object({
  day: z.string(),
  source: z.literal('oura'),
  start: z.string().describe('Bucket start, local ISO-8601.'),
  min_bpm: z.number(),
  avg_bpm: z.number(),
  max_bpm: z.number(),
  count: z.number().int().describe('Samples in the bucket.'),
});
const sampleSchema = z.object({
  day: z.string(),
  source: z.literal('oura'),
  time: z.string().describe('Local ISO-8601.'),
  bpm: z.number(),
  tag: z.string().nullable().describe('Oura sample source: awake, rest, sleep, workout ...'),
});

export const getOuraHeartRate = defineTool({
  name: 'get_oura_heart_rate',
  title: 'Oura heart rate',
  description:
    'Oura heart rate for a local day range or an exact span (start_datetime/end_datetime, ISO-8601). Default: min/avg/max buckets at a resolution picked to fit (e.g. 3h for 7 days); set resolution (5m..1d) to choose, or resolution "raw" for individual samples paged with limit/offset.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  budgetBytes: BUDGET_BYTES,
  truncationHint: 'Use a coarser resolution or a narrower date range; in raw mode pass offset=next_offset.',
  keyParameters: ['start_date', 'end_date', 'start_datetime', 'end_datetime', 'resolution', 'limit', 'offset'],
  input: z.object({
    ...heartRateSpanShape,
    fresh: z.boolean().optional().describe('Bypass the cache: fetch this window from Oura now and store it. Default false (cache-first).'),
    resolution: z
      .enum(['auto', 'raw', ...(Object.keys(RESOLUTIONS) as Resolution[])])
      .optional()
      .describe('Bucket size, "auto" (default) or "raw".'),
    limit: z.number().int().min(1).max(1000).optional().describe('Raw mode: samples per answer (default 60).'),
    offset: offsetInput().optional().describe('Raw mode: samples to skip.'),
  }),
  output: z.object({
    ...readMetaShape,
    span: z.object({ start: z.string(), end: z.string() }).optional().describe('The exact instants answered (start inclusive, end exclusive) when date-times were given.'),
    resolution: z.string(),
    summary: z
      .object({ min_bpm: z.number(), avg_bpm: z.number(), max_bpm: z.number(), count: z.number().int() })
      .nullable()
      .describe('Over the whole window.'),
    buckets: z.array(bucketSchema).optional(),
    samples: z.array(sampleSchema).optional(),
    total: z.number().int().optional().describe('Raw mode: samples in the window.'),
    offset: z.number().int().optional(),
    next_offset: z.number().int().nullable().optional(),
  }),
  async handle(input, context) {
    const store = context.app.store;
    const now = context.app.now();
    const { range } = resolveHeartRateSpan(input, now, await personZone(store, context.app.providers, 'oura'), 92);
    const fresh = input.fresh ?? false;
    const note = await syncWindow(context, { provider: 'oura', resource: OURA.heartRate, range, fresh });
    // A first sync may teach the person's offset: days and buckets use the zone known after it.
    const zone = await personZone(store, context.app.providers, 'oura');
    const span = resolveHeartRateSpan(input, now, zone, 92);
    const spec = declaredResource(context, 'oura', OURA.heartRate);
    const query = { provider: 'oura' as const, series: spec?.series ?? 'heart_rate', start: span.startMs, end: span.endMs };
    const summary = summarize(await store.aggregateSamples({ ...query, bucketMs: RESOLUTIONS['1h'] * MINUTE }));
    // Samples carry no per-row store time: the newest finished sync run stands in for cached_at.
    const [lastRun] = await store.listSyncRuns({ provider: 'oura', limit: 1 });
    const meta = { ...readMeta(range, note, [], lastRun?.finishedAt ?? null), ...(span.exact ? { span: { start: zone.iso(span.startMs), end: zone.iso(span.endMs) } } : {}) };
    if (input.resolution === 'raw') {
      const offset = input.offset ?? 0;
      const total = await store.countSamples(query);
      const rows = await store.querySamples({ ...query, limit: input.limit ?? 60, offset });
      const samples = rows.map((sample) => ({ day: zone.dayOf(sample.ts), source: 'oura' as const, time: zone.iso(sample.ts), bpm: sample.value, tag: sample.source ?? null }));
      const next = offset + samples.length < total ? offset + samples.length : null;
      return { ...meta, resolution: 'raw', summary, samples, total, offset, next_offset: next };
    }
    const resolution = !input.resolution || input.resolution === 'auto' ? autoResolution(query.end - query.start) : input.resolution;
    const buckets = await zonedBuckets(store, query, RESOLUTIONS[resolution] * MINUTE, zone.offsetMinutes);
    return {
      ...meta,
      resolution,
      summary,
      buckets: buckets.map((bucket) => ({ day: zone.dayOf(bucket.start), source: 'oura' as const, start: zone.iso(bucket.start), min_bpm: bucket.min, avg_bpm: round(bucket.avg), max_bpm: bucket.max, count: bucket.count })),
    };
  },
});

function summarize(buckets: readonly SampleBucket[]) {
  const count = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (count === 0) return null;
  return {
    min_bpm: Math.min(...buckets.map((bucket) => bucket.min)),
    avg_bpm: round(buckets.reduce((sum, bucket) => sum + bucket.avg * bucket.count, 0) / count),
    max_bpm: Math.max(...buckets.map((bucket) => bucket.max)),
    count,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

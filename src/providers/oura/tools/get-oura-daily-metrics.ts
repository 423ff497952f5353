/**
 * `get_oura_daily_metrics`: the smaller daily Oura metrics (stress, resilience, SpO2,
 * cardiovascular age, VO2 max) in one table keyed by local day, filtered by `metrics`.
 */
import { z } from 'zod';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput } from './oura-common.js';

type DayScores = StoredKindRecord<'daily_scores'>;

/** Each metric's resource (every one a `daily_scores` document) and the columns it adds to a day's row. */
const METRICS = {
  stress: {
    resource: OURA.dailyStress,
    columns: ({ data }: DayScores) => ({
      stress_high_seconds: data.stress_high_seconds ?? null,
      recovery_high_seconds: data.recovery_high_seconds ?? null,
      stress_day_summary: data.day_summary ?? null,
    }),
  },
  resilience: {
    resource: OURA.dailyResilience,
    columns: ({ data }: DayScores) => ({ resilience_level: data.level ?? null }),
  },
  spo2: {
    resource: OURA.dailySpo2,
    columns: ({ data }: DayScores) => ({
      spo2_average_percent: data.spo2_average_pct ?? null,
      breathing_disturbance_index: data.breathing_disturbance_index ?? null,
    }),
  },
  cardiovascular_age: {
    resource: OURA.dailyCardiovascularAge,
    columns: ({ data }: DayScores) => ({ vascular_age_years: data.vascular_age_years ?? null }),
  },
  vo2_max: {
    resource: OURA.vo2Max,
    columns: ({ data }: DayScores) => ({ vo2_max: data.vo2_max_ml_kg_min ?? null }),
  },
} as const;

type MetricName = keyof typeof METRICS;
const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];

const rowSchema = z.object({
  day: z.string(),
  source: z.literal('oura'),
  stress_high_seconds: nullableNumber.optional(),
  recovery_high_seconds: nullableNumber.optional(),
  stress_day_summary: z.string().nullable().optional().describe('restored, normal, stressful'),
  resilience_level: z.string().nullable().optional().describe('limited, adequate, solid, strong, exceptional'),
  spo2_average_percent: nullableNumber.optional(),
  breathing_disturbance_index: nullableNumber.optional(),
  vascular_age_years: nullableNumber.optional(),
  vo2_max: nullableNumber.optional().describe('ml/kg/min'),
});

export const getOuraDailyMetrics = defineTool({
  name: 'get_oura_daily_metrics',
  title: 'Oura daily metrics',
  description:
    'One row per local day with the smaller Oura daily metrics: stress/recovery time, resilience level, SpO2 average and breathing disturbance index, cardiovascular (vascular) age and VO2 max. Filter with metrics.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object({
    ...ouraRangeInput,
    metrics: z.array(z.enum(METRIC_NAMES)).min(1).max(METRIC_NAMES.length).optional().describe(`Which metrics (default all): ${METRIC_NAMES.join(', ')}.`),
  }),
  output: z.object({ ...readMetaShape, metrics: z.array(z.string()), days: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const wanted = [...new Set(input.metrics ?? METRIC_NAMES)];
    const reads = await Promise.all(
      wanted.map(async (metric) => ({ metric, ...(await readDayRecords(context, { provider: 'oura', resource: METRICS[metric].resource, kind: 'daily_scores', range, fresh })) })),
    );
    const byDay = new Map<string, Record<string, unknown>>();
    for (const { metric, records } of reads) {
      for (const record of records) {
        if (!record.day) continue;
        const row = byDay.get(record.day) ?? { day: record.day, source: 'oura' };
        byDay.set(record.day, { ...row, ...METRICS[metric].columns(record) });
      }
    }
    const days = [...byDay.values()].sort((left, right) => String(left.day).localeCompare(String(right.day)));
    const note = mergeNotes(reads.map((read) => read.note), fresh);
    return { ...readMeta(range, note, reads.flatMap((read) => read.records)), metrics: wanted, days: days as Array<z.input<typeof rowSchema>> };
  },
});

/**
 * `get_health_insights`: robust personal baselines, anomalies and episodes against them,
 * correlations and data gaps over the last `days` days, across devices. Every claim cites a day and
 * a stored value; with too little data it says so instead of guessing.
 */
import { z } from 'zod';
import { computeInsights } from '../../../analysis/insights.js';
import { defineTool } from '../define-tool.js';
import { dayInput } from '../shared/inputs.js';
import { INSIGHTS_BUDGET_BYTES, INSIGHTS_HINTS, rangeOf, readDays } from './insights-common.js';

/** Window length when `days` is not given, and the longest window (one year of baselines). */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 365;

const anomalySchema = z.object({
  day: z.string(),
  metric: z.string(),
  value: z.number(),
  baseline: z.number().describe('Median of the window.'),
  z: z.number().describe('Robust z-score: (value - median) / (1.4826 MAD or IQR/1.349).'),
  direction: z.enum(['high', 'low']),
  worse: z.boolean().nullable(),
  source: z.string(),
});

const episodeMetricSchema = z.object({
  metric: z.string(),
  direction: z.enum(['high', 'low']),
  days: z.number().int().describe('Anomalous days of this metric in the episode.'),
  peak_day: z.string(),
  peak_value: z.number(),
  baseline: z.number(),
});

const correlationSchema = z.object({
  x: z.string(),
  y: z.string(),
  lag_days: z.number().int().describe("Days from x's day to y's day (a night belongs to the day it ends on)."),
  label: z.string(),
  n: z.number().int(),
  r: z.number().nullable().describe('Pearson r (null with fewer than 10 pairs).'),
  strength: z.enum(['none', 'weak', 'moderate', 'strong', 'too_few_pairs']),
  days: z.string().nullable(),
});

export const getHealthInsights = defineTool({
  name: 'get_health_insights',
  title: 'Health insights with evidence',
  description:
    'Personal baselines (median, MAD, IQR) over the last `days` days across devices; anomalies (|robust z| >= 3) with day, value, baseline; episodes (runs of anomalous days, e.g. an illness); ' +
    "correlations (night's sleep vs next-morning readiness/recovery, strain vs next-day recovery) with n and Pearson r; data gaps. Says too_little_data instead of guessing. Cite its days and numbers. Local cache only.",
  toolset: 'insights',
  requiresAnyProvider: true,
  annotations: INSIGHTS_HINTS,
  budgetBytes: INSIGHTS_BUDGET_BYTES,
  truncationHint: 'Cut to fit: ask for fewer days.',
  keyParameters: ['days', 'end_date'],
  input: z.object({
    days: z.number().int().min(1).max(MAX_DAYS).optional().describe('Window length in days (default 30).'),
    end_date: dayInput().optional().describe('Last day of the window (default today).'),
  }),
  output: z.object({
    window: z.object({ start_date: z.string(), end_date: z.string(), days: z.number().int() }),
    status: z.enum(['ok', 'too_little_data']),
    message: z.string(),
    days_with_data: z.number().int(),
    sources: z.record(z.string(), z.number()),
    baselines: z.array(z.object({ metric: z.string(), unit: z.string(), n: z.number().int(), median: z.number(), mad: z.number(), p25: z.number(), p75: z.number() })),
    anomalies: z.array(anomalySchema).describe('The strongest anomalies (anomalies_total says how many there are).'),
    anomalies_total: z.number().int(),
    episodes: z.array(z.object({ start: z.string(), end: z.string(), metrics: z.array(episodeMetricSchema) })).describe('Runs of anomalous days (one quiet day allowed), per metric with its peak.'),
    correlations: z.array(correlationSchema),
    gaps: z.object({ no_data: z.array(z.string()), no_sleep: z.array(z.string()) }).describe('Days (ranges) with no data at all / data but no sleep.'),
    too_few_for_baseline: z.array(z.object({ metric: z.string(), n: z.number().int() })),
  }),
  async handle(input, context) {
    const days = input.days ?? DEFAULT_DAYS;
    // The window may start before EARLIEST_DAY only by defaulting, and rangeOf clamps that.
    const range = rangeOf({ end_date: input.end_date }, context.app.now(), { defaultDays: days, maxDays: MAX_DAYS });
    const stored = await readDays(context, range);
    // Long windows find more: list fewer single anomalies and episode metrics until the answer
    // fits, rather than letting the budget cut a whole section (baselines or correlations).
    let answer = computeInsights(stored, range, { maxAnomalies: 6, maxEpisodeMetrics: 4 });
    for (const [maxAnomalies, maxEpisodeMetrics] of [[4, 3], [2, 2], [0, 2], [0, 1]] as const) {
      if (Buffer.byteLength(JSON.stringify(answer)) <= INSIGHTS_BUDGET_BYTES - 200) break;
      answer = computeInsights(stored, range, { maxAnomalies, maxEpisodeMetrics });
    }
    return { ...answer };
  },
});

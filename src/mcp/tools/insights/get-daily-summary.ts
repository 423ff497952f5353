/**
 * `get_daily_summary`: one row per local day joining every connected device. Each metric is
 * `[value, source, other value, other source, ...]`: the headline (picked by the documented
 * precedence) first, then every other device that measured the same thing.
 */
import { z } from 'zod';
import { metricInfo, METRIC_NAMES, roundFor } from '../../../analysis/metric-catalog.js';
import type { CanonicalDay } from '../../../analysis/daily-view.js';
import { addDays } from '../../../sync/dates.js';
import { defineTool } from '../define-tool.js';
import { dayInput } from '../shared/inputs.js';
import { emptyWarning, INSIGHTS_BUDGET_BYTES, INSIGHTS_HINTS, KEY_METRICS, metricList, rangeOf, readDays } from './insights-common.js';

const MAX_DAYS = 31;
/** Up to this many days every metric is shown by default; longer ranges show `KEY_METRICS`. */
const ALL_METRICS_UP_TO_DAYS = 2;

type Cell = Array<number | string>;

function row(day: CanonicalDay, metrics: readonly string[]): { day: string; metrics: Record<string, Cell> } {
  const out: Record<string, Cell> = {};
  for (const metric of metrics) {
    const reading = day.metrics[metric];
    if (!reading) continue;
    const info = metricInfo(metric);
    out[metric] = reading.values.flatMap((value) => [roundFor(info, value.value), value.provider]);
  }
  return { day: day.day, metrics: out };
}

export const getDailySummary = defineTool({
  name: 'get_daily_summary',
  title: 'Daily summary (all devices)',
  description:
    'One row per local day joining every connected device (Oura, WHOOP, Withings): sleep, HRV, resting HR, readiness/recovery, activity, strain, workouts, weight, blood pressure, temperature, SpO2. ' +
    'Each metric is [value, source, other value, other source, ...]: the headline value first (precedence: sleep/heart Oura > WHOOP > Withings, activity Oura > Withings > WHOOP, body Withings first), then every other device. ' +
    `Default: the latest day with data. Up to ${MAX_DAYS} days; ranges over ${ALL_METRICS_UP_TO_DAYS} days show key metrics unless metrics is given. Reads the local cache only.`,
  toolset: 'insights',
  requiresAnyProvider: true,
  annotations: INSIGHTS_HINTS,
  budgetBytes: INSIGHTS_BUDGET_BYTES,
  truncationHint: 'Cut to fit: ask for fewer days or fewer metrics, or use get_trends for longer periods.',
  keyParameters: ['start_date', 'end_date', 'metrics'],
  input: z.object({
    start_date: dayInput().optional().describe('First local day (YYYY-MM-DD). Default: end_date.'),
    end_date: dayInput().optional().describe('Last local day (YYYY-MM-DD). Default: the latest day with a night recorded (up to today).'),
    metrics: metricList.optional().describe('Only these metrics.'),
  }),
  output: z.object({
    window: z.object({ start_date: z.string(), end_date: z.string() }),
    units: z.record(z.string(), z.string()).describe('Unit of every metric shown.'),
    days: z.array(z.object({ day: z.string(), metrics: z.record(z.string(), z.array(z.union([z.number(), z.string()]))) })),
    warnings: z.array(z.string()),
  }),
  async handle(input, context) {
    const now = context.app.now();
    const explicit = Boolean(input.start_date || input.end_date);
    let range = rangeOf(input, now, { defaultDays: 1, maxDays: MAX_DAYS });
    let days = await readDays(context, explicit ? range : { startDay: addDays(range.endDay, -7), endDay: range.endDay });
    if (!explicit) {
      // Default: the latest day with a night recorded (today's activity is still in progress).
      const latest = [...days].reverse().find((day) => day.metrics.total_sleep_seconds) ?? days[days.length - 1];
      if (latest) range = { startDay: latest.day, endDay: latest.day };
      days = days.filter((day) => day.day === range.endDay);
    }
    const dayCount = days.length;
    const metrics = input.metrics ?? (dayCount > ALL_METRICS_UP_TO_DAYS ? KEY_METRICS : METRIC_NAMES);
    const rows = days.map((day) => row(day, metrics));
    const shown = new Set(rows.flatMap((item) => Object.keys(item.metrics)));
    const units = Object.fromEntries(metrics.filter((metric) => shown.has(metric)).map((metric) => [metric, metricInfo(metric)?.unit ?? '']));
    return {
      window: { start_date: range.startDay, end_date: range.endDay },
      units,
      days: rows,
      warnings: rows.length === 0 ? [emptyWarning(range)] : [],
    };
  },
});

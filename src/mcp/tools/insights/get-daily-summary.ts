/**
 * `get_daily_summary`: one row per local day joining every connected device, as a compact table:
 * `columns` (day, then one per metric), `units` and `sources` once. A cell is the headline value
 * (picked by the documented precedence) when it came from the metric's usual source
 * (`sources[metric]`); otherwise, or with `all_devices`, it is `[value, source, other value,
 * other source, ...]`, headline first.
 */
import { z } from 'zod';
import { groupPrecedence, metricInfo, METRIC_NAMES, roundFor, type MetricGroup } from '../../../analysis/metric-catalog.js';
import { PROVIDER_MODULES } from '../../../providers/registry.js';
import type { CanonicalDay } from '../../../analysis/daily-view.js';
import { addDays } from '../../../core/time/days.js';
import { defineTool } from '../define-tool.js';
import { dayInput } from '../shared/inputs.js';
import { emptyWarning, INSIGHTS_BUDGET_BYTES, INSIGHTS_HINTS, KEY_METRICS, METRIC_INPUT_TEXT, metricList, rangeOf, readDays } from './insights-common.js';

const MAX_DAYS = 31;
/** Up to this many days every metric and every device is shown by default. */
const ALL_METRICS_UP_TO_DAYS = 2;

type Cell = number | null | Array<number | string>;

const DISPLAY_NAMES = new Map(PROVIDER_MODULES.map((module) => [module.id as string, module.displayName]));

/** `sleep/heart A > B > C, activity …`: the declared precedence of the groups with a choice, groups of one order joined. */
function precedenceText(groups: readonly MetricGroup[]): string {
  const orders = new Map<string, MetricGroup[]>();
  for (const group of groups) {
    const order = groupPrecedence(group).map((id) => DISPLAY_NAMES.get(id) ?? id).join(' > ');
    orders.set(order, [...(orders.get(order) ?? []), group]);
  }
  return [...orders].map(([order, named]) => `${named.join('/')} ${order}`).join(', ');
}

/** The provider whose value headlines `metric` on most days (ties: the first day's). */
function usualSources(days: readonly CanonicalDay[], metrics: readonly string[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const metric of metrics) {
    const counts = new Map<string, number>();
    for (const day of days) {
      const headline = day.metrics[metric]?.values[0]?.provider;
      if (headline) counts.set(headline, (counts.get(headline) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) sources[metric] = best[0];
  }
  return sources;
}

function cell(day: CanonicalDay, metric: string, usual: string | undefined, allDevices: boolean): Cell {
  const reading = day.metrics[metric];
  if (!reading || reading.values.length === 0) return null;
  const info = metricInfo(metric);
  const [headline] = reading.values;
  if (!allDevices && headline && headline.provider === usual) return roundFor(info, headline.value);
  const values = allDevices ? reading.values : reading.values.slice(0, 1);
  return values.flatMap((value) => [roundFor(info, value.value), value.provider]);
}

export const getDailySummary = defineTool({
  name: 'get_daily_summary',
  title: 'Daily summary (all devices)',
  description:
    `One row per local day joining every connected device (${[...DISPLAY_NAMES.values()].join(', ')}) as a table: sleep, HRV, resting HR, readiness/recovery, activity, strain, workouts, weight, blood pressure, temperature, SpO2. ` +
    `A cell is the headline value from sources[metric] (precedence: ${precedenceText(['sleep', 'heart', 'activity', 'body'])}), or [value, source, ...] when another device supplied it or all_devices is on (headline first, then every other device). ` +
    `Default: the latest day with data. Up to ${MAX_DAYS} days; ranges over ${ALL_METRICS_UP_TO_DAYS} days show key metrics and headline values unless metrics / all_devices is given. Reads the local cache only.`,
  toolset: 'insights',
  requiresAnyProvider: true,
  annotations: INSIGHTS_HINTS,
  budgetBytes: INSIGHTS_BUDGET_BYTES,
  truncationHint: 'Cut to fit: ask for fewer days or fewer metrics, or use get_trends for longer periods.',
  keyParameters: ['start_date', 'end_date', 'metrics', 'all_devices'],
  input: z.object({
    start_date: dayInput().optional().describe('First local day (YYYY-MM-DD). Default: end_date.'),
    end_date: dayInput().optional().describe('Last local day (YYYY-MM-DD). Default: the latest day with a night recorded (up to today).'),
    metrics: metricList.optional().describe(`Only these metrics. ${METRIC_INPUT_TEXT}`),
    all_devices: z.boolean().optional().describe(`Every device's value in each cell (default: only up to ${ALL_METRICS_UP_TO_DAYS} days).`),
  }),
  output: z.object({
    window: z.object({ start_date: z.string(), end_date: z.string() }),
    units: z.record(z.string(), z.string()).describe('Unit of every metric shown.'),
    sources: z.record(z.string(), z.string()).describe('The device a plain-number cell of each metric came from.'),
    columns: z.array(z.string()).describe('day, then one column per metric shown.'),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null(), z.array(z.union([z.number(), z.string()]))]))).describe('One row per day, oldest first.'),
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
    const wide = days.length > ALL_METRICS_UP_TO_DAYS;
    const requested = input.metrics ?? (wide ? KEY_METRICS : METRIC_NAMES);
    const metrics = requested.filter((metric) => days.some((day) => day.metrics[metric]));
    const allDevices = input.all_devices ?? !wide;
    const sources = usualSources(days, metrics);
    return {
      window: { start_date: range.startDay, end_date: range.endDay },
      units: Object.fromEntries(metrics.map((metric) => [metric, metricInfo(metric)?.unit ?? ''])),
      sources,
      columns: ['day', ...metrics],
      rows: days.map((day) => [day.day, ...metrics.map((metric) => cell(day, metric, sources[metric], allDevices))]),
      warnings: days.length === 0 ? [emptyWarning(range)] : [],
    };
  },
});

/** `compare_periods`: metrics in period A vs period B (n, mean, median, min, max, change). */
import { z } from 'zod';
import { comparePeriods } from '../../../analysis/compare.js';
import { EARLIEST_DAY } from '../../../core/bounds.js';
import { WearablesError } from '../../../core/errors.js';
import { addDays, daysBetween } from '../../../core/time/days.js';
import { defineTool } from '../define-tool.js';
import { dayInput } from '../shared/inputs.js';
import { emptyWarning, INSIGHTS_BUDGET_BYTES, INSIGHTS_HINTS, KEY_METRICS, METRIC_INPUT_TEXT, metricInput, rangeOf, readDays, sourceInput } from './insights-common.js';

/** Longest period A or B. */
const MAX_DAYS = 366;

const statsSchema = z.object({ n: z.number().int(), mean: z.number().nullable(), median: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() });

export const comparePeriodsTool = defineTool({
  name: 'compare_periods',
  title: 'Compare two periods',
  description:
    'Compares metrics between period A and period B across devices (headline values, or one source): n, mean, median, min, max per period, change (B - A) and change_pct. ' +
    'Default: B = the last 7 days, A = as many days just before; metrics: the key set. Local cache only.',
  toolset: 'insights',
  requiresAnyProvider: true,
  annotations: INSIGHTS_HINTS,
  budgetBytes: INSIGHTS_BUDGET_BYTES,
  truncationHint: 'Cut to fit: ask for fewer metrics.',
  keyParameters: ['metrics', 'a_start', 'a_end', 'b_start', 'b_end'],
  input: z.object({
    metrics: z
      .array(metricInput)
      .min(1)
      .max(15)
      .transform((metrics) => [...new Set(metrics)])
      .optional()
      .describe(`Metrics to compare (default: sleep, HRV, resting HR, readiness, recovery, strain, steps, weight, BP). ${METRIC_INPUT_TEXT}`),
    a_start: dayInput().optional().describe('Period A first day. Default: just before B, as long as B.'),
    a_end: dayInput().optional().describe('Period A last day.'),
    b_start: dayInput().optional().describe('Period B first day. Default: 6 days before b_end.'),
    b_end: dayInput().optional().describe('Period B last day. Default: today.'),
    source: sourceInput,
  }),
  output: z.object({
    a: z.object({ start_date: z.string(), end_date: z.string() }),
    b: z.object({ start_date: z.string(), end_date: z.string() }),
    comparisons: z.array(z.object({ metric: z.string(), unit: z.string(), a: statsSchema, b: statsSchema, change: z.number().nullable(), change_pct: z.number().nullable() })),
    warnings: z.array(z.string()),
  }),
  async handle(input, context) {
    const now = context.app.now();
    const b = rangeOf({ start_date: input.b_start, end_date: input.b_end }, now, { defaultDays: 7, maxDays: MAX_DAYS, names: { start: 'b_start', end: 'b_end' } });
    const length = daysBetween(b.startDay, b.endDay) + 1;
    const aEnd = input.a_end ?? addDays(b.startDay, -1);
    if (aEnd < EARLIEST_DAY) {
      throw new WearablesError('VALIDATION_ERROR', `Period B starts on ${b.startDay}, so no default period A fits before it (data starts ${EARLIEST_DAY})`, {
        hint: 'Pass a_start and a_end, or a later b_start.',
      });
    }
    // A defaulted A as long as B starts no earlier than EARLIEST_DAY (rangeOf clamps it).
    const a = rangeOf({ start_date: input.a_start, end_date: aEnd }, now, { defaultDays: length, maxDays: MAX_DAYS, names: { start: 'a_start', end: 'a_end' } });
    const from = a.startDay < b.startDay ? a.startDay : b.startDay;
    const to = a.endDay > b.endDay ? a.endDay : b.endDay;
    const days = await readDays(context, { startDay: from, endDay: to });
    const metrics = input.metrics ?? KEY_METRICS;
    const comparisons = comparePeriods(days, metrics, a, b, input.source).filter((item) => input.metrics || item.a.n + item.b.n > 0);
    return {
      a: { start_date: a.startDay, end_date: a.endDay },
      b: { start_date: b.startDay, end_date: b.endDay },
      comparisons,
      warnings: days.length === 0 ? [emptyWarning({ startDay: from, endDay: to })] : [],
    };
  },
});

/** `get_trends`: one metric over a range, bucketed by day/week/month (n, mean, min, max, change). */
import { z } from 'zod';
import { computeTrend } from '../../../analysis/trends.js';
import { WearablesError } from '../../../core/errors.js';
import { daysBetween } from '../../../core/time/days.js';
import { bucketStart, defaultResolution, previousBucketStart } from '../../../analysis/periods.js';
import { renderTrendChart } from '../../../report/trend-chart.js';
import { CHART_META_KEY } from '../../mcp-apps.js';
import { TREND_CHART_URI } from '../../resources/trend-chart-resource.js';
import { defineTool } from '../define-tool.js';
import { dayInput } from '../shared/inputs.js';
import { emptyWarning, INSIGHTS_BUDGET_BYTES, INSIGHTS_HINTS, METRIC_INPUT_TEXT, metricInput, rangeOf, readDays, sourceInput } from './insights-common.js';

/** Longest range (ten years) and the most daily buckets one answer computes. */
const MAX_DAYS = 3660;
const MAX_DAILY_BUCKETS = 366;

const bucketSchema = z.object({
  start: z.string().describe('First day of the bucket.'),
  n: z.number().int().describe('Days with a value.'),
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  change: z.number().nullable().describe('Mean minus the previous bucket mean.'),
});

export const getTrends = defineTool({
  name: 'get_trends',
  title: 'Metric trend',
  description:
    'Statistics of one metric per day, week (from Monday) or month across devices (headline value by precedence, or one source): n, mean, min, max, change vs the previous bucket. ' +
    'Default: the last 30 days; resolution day up to 31 days, week up to 200, else month. Local cache only.',
  toolset: 'insights',
  requiresAnyProvider: true,
  annotations: INSIGHTS_HINTS,
  budgetBytes: INSIGHTS_BUDGET_BYTES,
  truncationHint: 'Cut to fit: use a coarser resolution (week or month) or a shorter range.',
  keyParameters: ['metric', 'start_date', 'end_date', 'resolution'],
  // Clients with MCP Apps draw the answer as the report's chart; the text answer is the same.
  view: { resourceUri: TREND_CHART_URI, meta: (output) => ({ [CHART_META_KEY]: renderTrendChart(output) }) },
  input: z.object({
    metric: metricInput.describe(METRIC_INPUT_TEXT),
    start_date: dayInput().optional().describe('First local day (YYYY-MM-DD). Default: 29 days before end_date.'),
    end_date: dayInput().optional().describe('Last local day (YYYY-MM-DD). Default: today.'),
    resolution: z.enum(['day', 'week', 'month']).optional(),
    source: sourceInput,
  }),
  output: z.object({
    metric: z.string(),
    unit: z.string(),
    resolution: z.enum(['day', 'week', 'month']),
    window: z.object({ start_date: z.string(), end_date: z.string() }),
    sources: z.record(z.string(), z.number()).describe('Days each provider supplied the value used.'),
    buckets: z.array(bucketSchema),
    warnings: z.array(z.string()),
  }),
  async handle(input, context) {
    const range = rangeOf(input, context.app.now(), { defaultDays: 30, maxDays: MAX_DAYS });
    const resolution = input.resolution ?? defaultResolution(range.startDay, range.endDay);
    const length = daysBetween(range.startDay, range.endDay) + 1;
    if (resolution === 'day' && length > MAX_DAILY_BUCKETS) {
      throw new WearablesError('VALIDATION_ERROR', `resolution day covers at most ${MAX_DAILY_BUCKETS} days (asked for ${length})`, {
        hint: 'Use resolution week or month for longer ranges, or a shorter range.',
      });
    }
    // One bucket more, so the first bucket's change compares with real data.
    const loadFrom = previousBucketStart(bucketStart(range.startDay, resolution), resolution);
    const days = await readDays(context, { startDay: loadFrom, endDay: range.endDay, metrics: [input.metric] });
    const trend = computeTrend(days, input.metric, range, resolution, input.source);
    const empty = trend.buckets.every((bucket) => bucket.n === 0);
    return {
      metric: trend.metric,
      unit: trend.unit,
      resolution,
      window: { start_date: range.startDay, end_date: range.endDay },
      sources: trend.sources,
      buckets: trend.buckets,
      warnings: empty ? [days.length === 0 ? emptyWarning(range) : `No ${input.metric} values in ${range.startDay}..${range.endDay}.`] : [],
    };
  },
});

/** Pieces shared by the cross-device `insights` tools: hints, budget, day ranges, metric inputs. */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { LocalDay } from '../../../core/types.js';
import { PROVIDER_IDS } from '../../../providers/registry.js';
import { loadDailyView, type CanonicalDay } from '../../../analysis/daily-view.js';
import { ALIAS_EXAMPLES, closestMetric, resolveMetricName } from '../../../analysis/metric-aliases.js';
import { METRIC_NAMES } from '../../../analysis/metric-catalog.js';
import { addDays, daysBetween } from '../../../core/time/days.js';
import { EARLIEST_DAY } from '../../../core/bounds.js';
import type { ToolContext, ToolHints } from '../define-tool.js';
import { assertDayInBounds, type RangeFieldNames } from '../shared/day-range.js';
import { MAX_NAME_LENGTH } from '../shared/inputs.js';
import { localDayOf, SERVER_ZONE } from '../../../core/time/zones.js';

/** Every answer of this toolset stays under 4 KB. */
export const INSIGHTS_BUDGET_BYTES = 4_000;

/** Pure cache reads: no provider is called. */
export const INSIGHTS_HINTS: ToolHints = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

/** Metrics worth showing when no list is given for a range. */
export const KEY_METRICS: readonly string[] = [
  'total_sleep_seconds',
  'sleep_score',
  'average_hrv_ms',
  'resting_heart_rate_bpm',
  'readiness_score',
  'recovery_score',
  'strain',
  'steps',
  'weight_kg',
  'systolic_mmhg',
];

/**
 * A metric argument: a canonical name or a common one (`hrv`, `rhr`, `sleep` ...), resolved to
 * the canonical name; anything else is refused with the closest known metric.
 */
export const metricInput = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .regex(/^[A-Za-z0-9_. -]+$/, 'use a metric name such as average_hrv_ms or hrv (letters, digits, _ . - and spaces)')
  .transform((name, context) => {
    const metric = resolveMetricName(name);
    if (metric) return metric;
    context.addIssue({ code: 'custom', message: `unknown metric "${name}"; did you mean ${closestMetric(name)}?` });
    return z.NEVER;
  });

/** What a metric argument accepts, for descriptions. */
export const METRIC_INPUT_TEXT = `Canonical metric (e.g. average_hrv_ms, resting_heart_rate_bpm, total_sleep_seconds, steps, weight_kg) or a common name (${ALIAS_EXAMPLES}).`;

/** A list of metrics: each at most once is enough, so never longer than the catalog; duplicates after resolving are dropped. */
export const metricList = z
  .array(metricInput)
  .min(1)
  .max(METRIC_NAMES.length)
  .transform((metrics) => [...new Set(metrics)]);
export const sourceInput = z.enum(PROVIDER_IDS).optional().describe("Use only this provider's values (default: the headline value by precedence).");

export interface DayRange {
  startDay: LocalDay;
  endDay: LocalDay;
}

/**
 * Validates an explicit or defaulted range (`defaultDays` ending today): both days inside
 * `[EARLIEST_DAY, latestDay(now)]` (a defaulted start is clamped to EARLIEST_DAY), in order, and
 * at most `maxDays` long.
 */
export function rangeOf(
  input: { start_date?: string | undefined; end_date?: string | undefined },
  now: Date,
  options: { defaultDays: number; maxDays: number; names?: RangeFieldNames },
): DayRange {
  const names = options.names ?? { start: 'start_date', end: 'end_date' };
  if (input.end_date !== undefined) assertDayInBounds(input.end_date, names.end, now);
  if (input.start_date !== undefined) assertDayInBounds(input.start_date, names.start, now);
  const endDay = input.end_date ?? localDayOf(now, SERVER_ZONE);
  const defaultStart = addDays(endDay, -(options.defaultDays - 1));
  const startDay = input.start_date ?? (defaultStart < EARLIEST_DAY ? EARLIEST_DAY : defaultStart);
  if (startDay > endDay) {
    throw new WearablesError('VALIDATION_ERROR', `${names.start} ${startDay} is after ${names.end} ${endDay}.`, { hint: `Pass a ${names.start} on or before ${names.end}.` });
  }
  if (daysBetween(startDay, endDay) + 1 > options.maxDays) {
    throw new WearablesError('VALIDATION_ERROR', `The range ${startDay}..${endDay} is longer than ${options.maxDays} days.`, {
      hint: `Ask for at most ${options.maxDays} days (get_trends summarises longer periods by week or month).`,
    });
  }
  return { startDay, endDay };
}

/** Reads the cross-device day view of a range from the local cache (`metrics`: only those are read). */
export async function readDays(context: ToolContext, range: DayRange & { metrics?: readonly string[] }): Promise<CanonicalDay[]> {
  return loadDailyView(context.app.store, range);
}

/** The warning of an empty answer: nothing stored for the range. */
export function emptyWarning(range: DayRange): string {
  return `No stored data for ${range.startDay}..${range.endDay}. Run the sync tool (or check get_auth_status) and ask again.`;
}

/** Pieces shared by the cross-device `insights` tools: hints, budget, day ranges, metric inputs. */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import { PROVIDER_IDS, type LocalDay } from '../../../core/types.js';
import { loadDailyView, type CanonicalDay } from '../../../analysis/daily-view.js';
import { METRIC_NAMES } from '../../../analysis/metric-catalog.js';
import { addDays, daysBetween } from '../../../sync/dates.js';
import type { ToolContext, ToolHints } from '../define-tool.js';
import { localDay } from '../../../core/dates.js';

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

export const metricEnum = z.enum(METRIC_NAMES as [string, ...string[]]);
export const sourceInput = z.enum(PROVIDER_IDS).optional().describe("Use only this provider's values (default: the headline value by precedence).");

export interface DayRange {
  startDay: LocalDay;
  endDay: LocalDay;
}

/** Validates an explicit or defaulted range (`defaultDays` ending today). */
export function rangeOf(
  input: { start_date?: string | undefined; end_date?: string | undefined },
  now: Date,
  options: { defaultDays: number; maxDays: number },
): DayRange {
  const endDay = input.end_date ?? localDay(now);
  const startDay = input.start_date ?? addDays(endDay, -(options.defaultDays - 1));
  if (startDay > endDay) {
    throw new WearablesError('VALIDATION_ERROR', `start_date ${startDay} is after end_date ${endDay}.`, { hint: 'Pass a start_date on or before end_date.' });
  }
  if (daysBetween(startDay, endDay) + 1 > options.maxDays) {
    throw new WearablesError('VALIDATION_ERROR', `The range ${startDay}..${endDay} is longer than ${options.maxDays} days.`, {
      hint: `Ask for at most ${options.maxDays} days (get_trends summarises longer periods by week or month).`,
    });
  }
  return { startDay, endDay };
}

/** Reads the cross-device day view of a range from the local cache. */
export async function readDays(context: ToolContext, range: DayRange): Promise<CanonicalDay[]> {
  return loadDailyView(context.app.store, range);
}

/** The warning of an empty answer: nothing stored for the range. */
export function emptyWarning(range: DayRange): string {
  return `No stored data for ${range.startDay}..${range.endDay}. Run the sync tool (or check get_auth_status) and ask again.`;
}

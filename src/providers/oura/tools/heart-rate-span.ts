/**
 * The time span of `get_oura_heart_rate`: local days (`start_date`/`end_date`) or exact instants
 * (`start_datetime`/`end_datetime`, or an ISO-8601 date-time given as `start_date`/`end_date`, the
 * way seed 001's `get_heart_rate` takes them). Instants are bounded like days: both must fall on
 * days inside `[EARLIEST_DAY, latestDay(now)]` and the span within the tool's widest range.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import { resolveDayRange, type DayRange } from '../../../mcp/tools/shared/day-range.js';
import { MAX_INSTANT_LENGTH } from '../../../mcp/tools/shared/inputs.js';
import type { PersonZone } from '../../../mcp/tools/shared/person-zone.js';
import { addDays, DAY_PATTERN } from '../../../core/time/days.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_OR_INSTANT = new RegExp(`${DAY_PATTERN.source}|${INSTANT.source}`);

const instantField = (what: string) =>
  z.string().max(MAX_INSTANT_LENGTH).regex(INSTANT, 'use an ISO-8601 date-time such as 2024-06-14T08:00:00Z').optional().describe(what);
const dayOrInstantField = (what: string) =>
  z.string().max(MAX_INSTANT_LENGTH).regex(DAY_OR_INSTANT, 'use YYYY-MM-DD or an ISO-8601 date-time').optional().describe(what);

/** Input fields of the heart-rate span. */
export const heartRateSpanShape = {
  start_date: dayOrInstantField('First local day (YYYY-MM-DD, inclusive) or an ISO-8601 date-time (inclusive). Default: 6 days before end_date.'),
  end_date: dayOrInstantField('Last local day (YYYY-MM-DD, inclusive) or an ISO-8601 date-time (exclusive). Default: today.'),
  start_datetime: instantField('Exact start, ISO-8601 (inclusive).'),
  end_datetime: instantField('Exact end, ISO-8601 (exclusive; default now).'),
};

/** The resolved span: the local days to sync and the exact instants to read. */
export interface HeartRateSpan {
  range: DayRange;
  startMs: number;
  endMs: number;
  /** Whether an instant was given (the answer then names the exact span). */
  exact: boolean;
}

type SpanInput = { start_date?: string | undefined; end_date?: string | undefined; start_datetime?: string | undefined; end_datetime?: string | undefined };

/** Epoch ms of an ISO-8601 date-time; one without an offset is the person's local time. */
function instantMs(value: string, field: string, zone: PersonZone): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = hasOffset ? Date.parse(value) : zone.dayStartMs(value.slice(0, 10)) + (Date.parse(`1970-01-01${value.slice(10)}Z`) || 0);
  if (Number.isNaN(ms)) {
    throw new WearablesError('VALIDATION_ERROR', `${field} "${value}" is not a valid date-time`, { hint: `Pass ${field} as e.g. 2024-06-14T08:00:00Z or a YYYY-MM-DD day.` });
  }
  return ms;
}

function pick(input: SpanInput, which: 'start' | 'end'): { field: string; value: string } | undefined {
  const datetime = input[`${which}_datetime`];
  const date = input[`${which}_date`];
  if (datetime !== undefined && date !== undefined) {
    throw new WearablesError('VALIDATION_ERROR', `Both ${which}_date and ${which}_datetime were given`, { hint: `Pass only one of ${which}_date and ${which}_datetime.` });
  }
  if (datetime !== undefined) return { field: `${which}_datetime`, value: datetime };
  return date !== undefined ? { field: `${which}_date`, value: date } : undefined;
}

/** Resolves days or instants into the span to read, checked against the day bounds and `maxDays`. */
export function resolveHeartRateSpan(input: SpanInput, now: Date, zone: PersonZone, maxDays: number): HeartRateSpan {
  const start = pick(input, 'start');
  const end = pick(input, 'end');
  const startMs = start && !DAY_PATTERN.test(start.value) ? instantMs(start.value, start.field, zone) : undefined;
  // A start instant without an end reads up to now (Oura's own default for end_datetime).
  const endMs = end && !DAY_PATTERN.test(end.value) ? instantMs(end.value, end.field, zone) : startMs !== undefined && !end ? now.getTime() : undefined;
  const dayOf = (ms: number | undefined, given: { value: string } | undefined) => (ms !== undefined ? zone.dayOf(ms) : given?.value);
  // The last day an exclusive end instant touches is the day of the millisecond before it.
  const endDay = endMs !== undefined ? zone.dayOf(Math.max(endMs - 1, startMs ?? endMs - 1)) : end?.value;
  const range = resolveDayRange({ start_date: dayOf(startMs, start), end_date: endDay }, now, maxDays, {
    start: start?.field ?? 'start_date',
    end: end?.field ?? 'end_date',
  });
  if (startMs !== undefined && endMs !== undefined && endMs <= startMs) {
    throw new WearablesError('VALIDATION_ERROR', `${end?.field ?? 'end_datetime'} is not after ${start?.field ?? 'start_datetime'}`, { hint: 'Pass an end after the start.' });
  }
  return {
    range,
    startMs: startMs ?? zone.dayStartMs(range.startDay),
    endMs: endMs ?? zone.dayStartMs(addDays(range.endDay, 1)),
    exact: startMs !== undefined || endMs !== undefined,
  };
}

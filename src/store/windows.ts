/**
 * Window handling shared by every store driver. A window bound is either a local day
 * (`YYYY-MM-DD`, for day-listed resources) or an instant (ISO-8601 datetime, for datetime-listed
 * resources). Instants are rewritten to one canonical UTC form (`2024-05-01T06:30:00.000Z`) so
 * that, within one format, plain string comparison orders bounds correctly; a resource uses one
 * format only, and the two are never compared with each other.
 */
import { WearablesError } from '../core/errors.js';
import type { TimeWindow } from '../core/types.js';
import { isDay } from '../core/time/days.js';
import { tryParseInstant } from '../core/time/instants.js';

export type WindowFormat = 'day' | 'instant';

/** Validates one bound and returns its canonical text and format. */
export function canonicalBound(value: string, what: string): { text: string; format: WindowFormat } {
  if (typeof value === 'string' && isDay(value)) return { text: value, format: 'day' };
  const ms = typeof value === 'string' ? tryParseInstant(value) : null;
  if (ms !== null) return { text: new Date(ms).toISOString(), format: 'instant' };
  throw new WearablesError('VALIDATION_ERROR', `${what} ${JSON.stringify(String(value)).slice(0, 60)} is neither a day nor an ISO-8601 instant.`, {
    hint: 'Use a local day like 2024-05-01, or an instant with an offset like 2024-05-01T00:00:00Z.',
  });
}

/** Validates a window, canonicalizes its bounds and checks both use one format and start < end. */
export function canonicalWindow(window: TimeWindow): TimeWindow & { format: WindowFormat } {
  const start = canonicalBound(window.start, 'Window start');
  const end = canonicalBound(window.end, 'Window end');
  if (start.format !== end.format) {
    throw new WearablesError('VALIDATION_ERROR', 'Window start and end use different formats (one is a day, the other an instant).', {
      hint: 'Give both bounds as days (2024-05-01) or both as ISO-8601 instants.',
    });
  }
  if (start.text > end.text) {
    throw new WearablesError('VALIDATION_ERROR', `Window start ${start.text} is after its end ${end.text}.`, {
      hint: 'Swap the bounds: a window is [start, end) with start before end.',
    });
  }
  return { start: start.text, end: end.text, format: start.format };
}

/** Validates a day window (`deleteMissing` matches on the `day` column). */
export function dayWindow(window: TimeWindow): TimeWindow {
  const canonical = canonicalWindow(window);
  if (canonical.format !== 'day') {
    throw new WearablesError('VALIDATION_ERROR', 'This operation needs a window of local days.', {
      hint: 'Give the window as days, e.g. { start: "2024-05-01", end: "2024-06-01" } (end exclusive).',
    });
  }
  return { start: canonical.start, end: canonical.end };
}

/**
 * Merges `addition` into sorted, non-overlapping `intervals`: every interval that overlaps or
 * touches it is absorbed. Returns the merged interval and the ones it absorbed.
 */
export function mergeInterval(intervals: readonly TimeWindow[], addition: TimeWindow): { merged: TimeWindow; absorbed: TimeWindow[] } {
  let start = addition.start;
  let end = addition.end;
  const absorbed: TimeWindow[] = [];
  for (const interval of intervals) {
    if (interval.start <= end && interval.end >= start) {
      absorbed.push(interval);
      if (interval.start < start) start = interval.start;
      if (interval.end > end) end = interval.end;
    }
  }
  return { merged: { start, end }, absorbed };
}

/** The parts of `window` not covered by sorted `covered` intervals, ascending. */
export function subtractIntervals(window: TimeWindow, covered: readonly TimeWindow[]): TimeWindow[] {
  const gaps: TimeWindow[] = [];
  let cursor = window.start;
  for (const interval of covered) {
    if (interval.end <= cursor) continue;
    if (interval.start >= window.end) break;
    if (interval.start > cursor) gaps.push({ start: cursor, end: interval.start });
    if (interval.end > cursor) cursor = interval.end;
    if (cursor >= window.end) break;
  }
  if (cursor < window.end) gaps.push({ start: cursor, end: window.end });
  return gaps;
}

/**
 * The most a webhook delivery may make the server sync: a few days ending at the announced
 * change's end, never later than the latest day an input may name and never before
 * `EARLIEST_DAY` (src/core/bounds.ts). Unsigned deliveries may announce their own span,
 * so without this a forged `startdate=1&enddate=2000000000` would walk decades of history.
 */
import { EARLIEST_DAY, latestDay } from '../core/bounds.js';
import type { TimeWindow } from '../core/types.js';
import { DAY_MS, isDay, utcDayOf, utcDayStartMs } from '../core/time/days.js';
import { isoInstant } from '../core/time/instants.js';

/** Longest span one delivery may refresh. */
export const MAX_WEBHOOK_SPAN_DAYS = 4;

/**
 * `window` (days `YYYY-MM-DD` or ISO instants) clamped to at most `MAX_WEBHOOK_SPAN_DAYS`
 * ending at its end, inside `[EARLIEST_DAY, latestDay(now) + 1 day]`; undefined when nothing of
 * it lies inside that range (or it is unreadable).
 */
export function boundedWindow(window: TimeWindow, now: Date): TimeWindow | undefined {
  const days = isDay(window.start) && isDay(window.end);
  const startMs = days ? utcDayStartMs(window.start) : Date.parse(window.start);
  const endMs = days ? utcDayStartMs(window.end) : Date.parse(window.end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return undefined;
  const end = Math.min(endMs, utcDayStartMs(latestDay(now)) + DAY_MS);
  const start = Math.max(startMs, end - MAX_WEBHOOK_SPAN_DAYS * DAY_MS, utcDayStartMs(EARLIEST_DAY));
  if (start >= end && !(start === end && startMs === endMs)) return undefined;
  const format = (ms: number) => (days ? utcDayOf(ms) : isoInstant(ms));
  if (start === startMs && end === endMs) return window;
  return { start: format(start), end: format(end) };
}

/**
 * Pure window planning: which range a run fetches for one resource, how it is cut into requests,
 * which part of a stored chunk may be marked covered, which days a complete chunk reconciles
 * deletions for, and how far the cursor may move. No I/O; every input is passed in.
 */
import type { LocalDay, TimeWindow } from '../core/types.js';
import type { ResourceWindowing } from '../providers/provider.js';
import { addDays, DAY_MS, utcDayOf, utcDayStartMs } from '../core/time/days.js';
import { isoInstant, minString, parseUtcDayOrInstant } from '../core/time/instants.js';

/** Bounds derived once per run from the clock and shared by every resource. */
export interface RunBounds {
  /** Today's UTC day. */
  today: LocalDay;
  /**
   * Exclusive end of day windows: UTC today + 2. A user at UTC+14 is already living tomorrow's
   * UTC date, so this is the first day that is in the future for every time zone.
   */
  endDay: LocalDay;
  /**
   * First day that may still be in progress somewhere (UTC today − 1, today in UTC−12).
   * Coverage stops here (see `openBound`): an open day is never "complete", so reads re-check it
   * once per freshness window and last night's late sleep is picked up when the app is opened.
   */
  openDay: LocalDay;
  /** `now` in the canonical instant format (end of datetime windows). */
  nowInstant: string;
  /** 00:00 UTC of `openDay`: the same rule for datetime series. */
  openInstant: string;
}

/** Computes the shared bounds of a run started at `now`. */
export function runBounds(now: Date): RunBounds {
  const today = utcDayOf(now);
  const openDay = addDays(today, -1);
  return {
    today,
    endDay: addDays(today, 2),
    openDay,
    nowInstant: isoInstant(now.getTime()),
    openInstant: isoInstant(utcDayStartMs(openDay)),
  };
}

export interface RangeInput {
  windowing: Exclude<ResourceWindowing, 'none'>;
  overlapDays: number;
  historyDays: number;
  /** Stored cursor: end of the last completely stored window, or null before the first run. */
  cursor: string | null;
  /** `full` ignores the cursor and starts at `since` or today − historyDays. */
  full: boolean;
  since?: LocalDay;
  bounds: RunBounds;
}

/**
 * The window a sync run fetches for one resource, or null when it would be empty.
 * Incremental: from min(cursor, today) − overlapDays (re-fetching the overlap catches late,
 * re-scored and deleted records); first run: today − historyDays; `since` overrides both.
 */
export function planRange(input: RangeInput): TimeWindow | null {
  const { bounds } = input;
  const firstDay = input.since ?? addDays(bounds.today, -input.historyDays);
  const fromCursor = !input.full && input.since === undefined && input.cursor !== null;
  if (input.windowing === 'day') {
    const start = fromCursor
      ? addDays(minString(cursorDay(input.cursor as string), bounds.today), -input.overlapDays)
      : firstDay;
    return start < bounds.endDay ? { start, end: bounds.endDay } : null;
  }
  const nowMs = parseUtcDayOrInstant(bounds.nowInstant, 'now');
  const startMs = fromCursor
    ? Math.min(parseUtcDayOrInstant(input.cursor as string, 'cursor'), nowMs) - input.overlapDays * DAY_MS
    : utcDayStartMs(firstDay);
  return startMs < nowMs ? { start: isoInstant(startMs), end: bounds.nowInstant } : null;
}

function cursorDay(cursor: string): LocalDay {
  return cursor.length > 10 ? utcDayOf(new Date(parseUtcDayOrInstant(cursor, 'cursor'))) : cursor;
}

/** Cuts `window` into request windows of at most `maxWindowDays`, oldest first, contiguous. */
export function chunkWindow(window: TimeWindow, windowing: Exclude<ResourceWindowing, 'none'>, maxWindowDays: number): TimeWindow[] {
  const step = Math.max(1, Math.floor(maxWindowDays));
  const chunks: TimeWindow[] = [];
  if (windowing === 'day') {
    for (let start = window.start; start < window.end; start = addDays(start, step)) {
      chunks.push({ start, end: minString(addDays(start, step), window.end) });
    }
    return chunks;
  }
  const endMs = parseUtcDayOrInstant(window.end, 'window end');
  for (let startMs = parseUtcDayOrInstant(window.start, 'window start'); startMs < endMs; startMs += step * DAY_MS) {
    chunks.push({ start: isoInstant(startMs), end: isoInstant(Math.min(startMs + step * DAY_MS, endMs)) });
  }
  return chunks;
}

/**
 * Where a resource's open part starts: `openDay` (`openInstant`), or earlier by `lateDataHours`
 * for a resource whose data arrives late (scored or uploaded hours after the night). Nothing from
 * here on is ever marked covered; reads re-check it at most once per freshness window.
 */
export function openBound(windowing: Exclude<ResourceWindowing, 'none'>, bounds: RunBounds, lateDataHours = 0): string {
  const lateMs = Math.max(0, lateDataHours) * 3_600_000;
  if (windowing === 'day') return addDays(bounds.openDay, -Math.ceil(lateMs / DAY_MS));
  return isoInstant(parseUtcDayOrInstant(bounds.openInstant, 'open instant') - lateMs);
}

/** The part of `window` at or after the open bound (see `openBound`), or null when it has none. */
export function openPart(window: TimeWindow, windowing: Exclude<ResourceWindowing, 'none'>, bounds: RunBounds, lateDataHours = 0): TimeWindow | null {
  const bound = openBound(windowing, bounds, lateDataHours);
  if (windowing === 'day') {
    const start = window.start > bound ? window.start : bound;
    return start < window.end ? { start, end: window.end } : null;
  }
  const startMs = Math.max(parseUtcDayOrInstant(window.start, 'window start'), parseUtcDayOrInstant(bound, 'open bound'));
  const endMs = parseUtcDayOrInstant(window.end, 'window end');
  return startMs < endMs ? { start: isoInstant(startMs), end: isoInstant(endMs) } : null;
}

/** The part of a completely stored chunk that may be marked covered (closed days only). */
export function coverableWindow(chunk: TimeWindow, windowing: Exclude<ResourceWindowing, 'none'>, bounds: RunBounds, lateDataHours = 0): TimeWindow | null {
  const bound = openBound(windowing, bounds, lateDataHours);
  if (windowing === 'day') {
    const end = minString(chunk.end, bound);
    return chunk.start < end ? { start: chunk.start, end } : null;
  }
  const endMs = Math.min(parseUtcDayOrInstant(chunk.end, 'window end'), parseUtcDayOrInstant(bound, 'open bound'));
  const startMs = parseUtcDayOrInstant(chunk.start, 'window start');
  return startMs < endMs ? { start: isoInstant(startMs), end: isoInstant(endMs) } : null;
}

/**
 * Days whose stored documents a complete fetch of `chunk` proves (`deleteMissing` matches on the
 * record's local day). For day windows: the chunk itself. For datetime windows a record of local
 * day D starts somewhere in [D−1 04:00Z, D+1 12:00Z] (UTC+14 … UTC−12), so only days whose whole
 * span lies inside the chunk are reconciled; the rest stay until a wider window proves them.
 */
export function reconcileWindow(chunk: TimeWindow, windowing: Exclude<ResourceWindowing, 'none'>): TimeWindow | null {
  if (windowing === 'day') return chunk;
  const startMs = parseUtcDayOrInstant(chunk.start, 'window start');
  const endMs = parseUtcDayOrInstant(chunk.end, 'window end');
  const firstFullDay = utcDayOf(new Date(Math.ceil(startMs / DAY_MS) * DAY_MS));
  const start = addDays(firstFullDay, 1);
  const end = addDays(utcDayOf(new Date(Math.floor(endMs / DAY_MS) * DAY_MS)), -1);
  return start < end ? { start, end } : null;
}

/**
 * The cursor after `chunk` was completely stored, or null to leave it. It only moves forward
 * and only across contiguous stored data: a chunk that starts after the cursor (a `since` run,
 * a targeted fill) would otherwise let the cursor jump over a gap never fetched.
 * `allowFirst`: whether a resource without cursor gets one (regular runs yes, targeted no).
 */
export function advanceCursor(current: string | null, chunk: TimeWindow, allowFirst: boolean): string | null {
  if (current === null) return allowFirst ? chunk.end : null;
  return chunk.start <= current && chunk.end > current ? chunk.end : null;
}

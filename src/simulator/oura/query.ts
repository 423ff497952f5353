/**
 * Query-parameter handling of the Oura list routes.
 *
 * ## Date windows (`start_date`, `end_date`) — the convention implemented
 *
 * The spec does not say whether `end_date` is inclusive. Recorded responses and public reports
 * show that Oura matches each document's own *timestamp* against the window, a date-only bound
 * meaning local midnight, both bounds inclusive:
 *
 * - Day documents stamped at local midnight (`daily_sleep`, `daily_readiness`, `daily_spo2`,
 *   `daily_stress`, `daily_resilience`, `daily_cardiovascular_age`, `sleep_time`, `vO2_max`)
 *   therefore behave as `start_date <= day <= end_date` (end **inclusive**; the recorded
 *   `2024-11-11..2024-11-12` queries return 2 documents).
 * - `daily_activity` is stamped at 04:00 local, `sleep` is matched on `bedtime_end`, and
 *   `workout`/`session`/`enhanced_tag`/`tag`/`rest_mode_period` on their start time: a date-only
 *   `end_date=D` **excludes** documents of day D (the recorded `daily_activity` query for
 *   `2024-11-11..2024-11-12` returns only the 11th).
 * - A datetime bound (`2024-11-12T23:59:59`) is compared as written: with an offset (`Z`,
 *   `+01:00`) against instants, without one against local wall-clock time.
 *
 * Safe client convention: to fetch local days `[A, B)` send `start_date=A&end_date=B` and keep
 * only documents whose `day` is in `[A, B)` (day documents of B itself come back too).
 * Defaults: no `start_date` = one day before `end_date` (or before today); no `end_date` = no
 * upper bound. `start_date` after `end_date` is a 422 like the recorded example. Years like
 * `0024` are valid dates (a recorded query with `start_date=0024-11-11` returned 200).
 */
import { addDays, dayToUtcMs, parseOffset } from '../time.js';

/** One `HTTPValidationError.detail` item. */
export interface ValidationItem {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
}

export class QueryError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly body: { detail: string | ValidationItem[] },
  ) {
    super(typeof body.detail === 'string' ? body.detail : (body.detail[0]?.msg ?? 'Invalid query'));
  }
}

/** A parsed bound: wall-clock text always, instant only when the input carried an offset. */
export interface Bound {
  raw: string;
  wall: string;
  instantMs: number | null;
  /** The wall-clock time read as UTC (epoch ms). */
  wallAsUtcMs: number;
}

const DATE = /^(\d{4}-\d{2}-\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

function validDay(day: string): boolean {
  try {
    const ms = dayToUtcMs(day);
    return new Date(ms).toISOString().slice(0, 10) === day;
  } catch {
    return false;
  }
}

/** Parses a date or datetime query value; throws a 422 `QueryError` when unparseable. */
export function parseBound(name: string, raw: string): Bound {
  const date = DATE.exec(raw);
  if (date && validDay(raw)) return { raw, wall: `${raw}T00:00:00`, instantMs: null, wallAsUtcMs: dayToUtcMs(raw) };
  const dt = DATETIME.exec(raw);
  if (dt && validDay(dt[1] ?? '')) {
    const [hh, mm, ss] = [Number(dt[2]), Number(dt[3]), Number(dt[4] ?? '0')];
    if (hh < 24 && mm < 60 && ss < 60) {
      const wall = `${dt[1]}T${dt[2]}:${dt[3]}:${String(ss).padStart(2, '0')}`;
      const offset = dt[5] === undefined ? null : parseOffset(dt[5]);
      const wallAsUtcMs = dayToUtcMs(dt[1] ?? '') + ((hh * 60 + mm) * 60 + ss) * 1000;
      const instantMs = offset === null ? null : wallAsUtcMs - offset * 60_000;
      return { raw, wall, instantMs, wallAsUtcMs };
    }
  }
  throw new QueryError(422, {
    detail: [{ type: 'datetime_from_date_parsing', loc: ['query', name], msg: 'Input should be a valid date or datetime', input: raw }],
  });
}

export interface DateWindow {
  start: Bound;
  end: Bound | null;
}

/** The `start_date`/`end_date` window of a list request. `today` is the person's local day. */
export function parseDateWindow(params: URLSearchParams, today: string): DateWindow {
  const startRaw = params.get('start_date');
  const endRaw = params.get('end_date');
  const end = endRaw ? parseBound('end_date', endRaw) : null;
  const start = startRaw
    ? parseBound('start_date', startRaw)
    : parseBound('start_date', addDays((end?.wall ?? today).slice(0, 10), -1));
  if (end && compareBounds(start, end) > 0) {
    throw new QueryError(422, {
      detail: [{ type: 'value_error', loc: ['query', 'start_date'], msg: 'Start date must be before end date', input: start.raw }],
    });
  }
  return { start, end };
}

function compareBounds(a: Bound, b: Bound): number {
  if (a.instantMs !== null && b.instantMs !== null) return a.instantMs - b.instantMs;
  return a.wall < b.wall ? -1 : a.wall > b.wall ? 1 : 0;
}

/** Whether a document's filter time (wall clock + instant) is inside the window. */
export function inWindow(window: DateWindow, wall: string, instantMs: number): boolean {
  const cmp = (bound: Bound): number =>
    bound.instantMs !== null ? instantMs - bound.instantMs : wall < bound.wall ? -1 : wall > bound.wall ? 1 : 0;
  if (cmp(window.start) < 0) return false;
  return window.end === null || cmp(window.end) <= 0;
}

/** Maximum `end_datetime - start_datetime` accepted by the heart-rate route. */
export const HEART_RATE_MAX_WINDOW_MS = 30 * 86_400_000;

/**
 * The heart-rate window (`start_datetime`/`end_datetime`, both inclusive). Values without an
 * offset are read as UTC. Defaults: end = now, start = end - 1 day. Wider than 30 days is a 400.
 */
export function parseHeartRateWindow(params: URLSearchParams, nowMs: number): { fromMs: number; toMs: number } {
  const toInstant = (name: string, raw: string): number => {
    const bound = parseBound(name, raw);
    return bound.instantMs ?? bound.wallAsUtcMs;
  };
  const endRaw = params.get('end_datetime');
  const startRaw = params.get('start_datetime');
  const toMs = endRaw ? toInstant('end_datetime', endRaw) : nowMs;
  const fromMs = startRaw ? toInstant('start_datetime', startRaw) : toMs - 86_400_000;
  if (fromMs > toMs) {
    throw new QueryError(422, {
      detail: [{ type: 'value_error', loc: ['query', 'start_datetime'], msg: 'Start datetime must be before end datetime', input: startRaw }],
    });
  }
  if (toMs - fromMs > HEART_RATE_MAX_WINDOW_MS) {
    throw new QueryError(400, { detail: 'Start and end datetime must be at most 30 days apart.' });
  }
  return { fromMs, toMs };
}

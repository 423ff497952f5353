/**
 * FHIR `date` search on Observation.effective[x] (R4 search, "date" parameters): a prefix
 * (`eq` default, `ne`, `gt`, `lt`, `ge`, `le`, `sa`, `eb`) and a value whose precision makes it a
 * range (`2026-01` is the whole month, `2026-01-05T10:00Z` a whole minute). A day, month or
 * year without a time is a calendar day in the server's time zone, as the days of
 * `get_observations` are; a time must carry `Z` or an offset. The target is the observation's
 * instant, its period, or its whole day when it only has a date.
 */
import { EARLIEST_DAY, latestDay } from '../../core/bounds.js';
import type { LocalDay } from '../../core/types.js';
import { addDays } from '../../core/time/days.js';
import { localDayOf, localDayStartMs, SERVER_ZONE } from '../../core/time/zones.js';
import type { Observation } from '../../export/fhir/observation.js';

export const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];

/** One `date=` parameter: a prefix and the closed range `[low, high]` (epoch ms) its value covers. */
export interface DateCondition {
  prefix: DatePrefix;
  low: number;
  high: number;
  /** The parameter as given (for messages). */
  text: string;
}

/** Why a `date` value was refused: the message says what to send instead. */
export class DateSearchError extends Error {}

const VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/** Parses one `date` parameter value (`ge2026-01-05`, `2026-01`, `lt2026-01-05T10:00:00Z`). */
export function parseDateCondition(raw: string): DateCondition {
  const text = raw.trim();
  const prefixed = /^[a-z]{2}/.exec(text)?.[0];
  if (prefixed === 'ap') throw new DateSearchError(`date "${text}": the "ap" (approximately) prefix is not supported; use ge and le for a range.`);
  const prefix = (DATE_PREFIXES as readonly string[]).includes(prefixed ?? '') ? (prefixed as DatePrefix) : 'eq';
  const value = prefixed && prefix === prefixed ? text.slice(2) : text;
  const match = VALUE.exec(value);
  if (!match) {
    throw new DateSearchError(
      `date "${text}" is not a FHIR date: send [prefix]YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]Z (or +hh:mm), with prefix one of ${DATE_PREFIXES.join(', ')}.`,
    );
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  if (y < FIRST_YEAR || y > LAST_YEAR) throw new DateSearchError(`date "${text}": the year must lie between ${FIRST_YEAR} and ${LAST_YEAR}.`);
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) throw new DateSearchError(`date "${text}": the month must be 01 to 12.`);
  if (hour !== undefined) {
    if (zone === undefined) throw new DateSearchError(`date "${text}": a time needs a time zone; add Z or an offset such as +01:00.`);
    const instant = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${zone}`);
    if (!Number.isFinite(instant) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) {
      throw new DateSearchError(`date "${text}" names no real instant.`);
    }
    // The value covers its precision: a minute, a second, or (with a fraction) that instant.
    const span = fraction !== undefined ? 1 : second !== undefined ? 1000 : 60_000;
    return { prefix, low: instant, high: instant + span - 1, text };
  }
  const first: LocalDay = `${year}-${month ?? '01'}-${day ?? '01'}`;
  if (day !== undefined && (!Number.isFinite(Date.parse(`${first}T00:00:00Z`)) || new Date(`${first}T00:00:00Z`).toISOString().slice(0, 10) !== first)) {
    throw new DateSearchError(`date "${text}" names no real day.`);
  }
  const after: LocalDay = day !== undefined ? addDays(first, 1) : month !== undefined ? nextMonth(first) : `${y + 1}-01-01`;
  return { prefix, low: localDayStartMs(first, SERVER_ZONE), high: localDayStartMs(after, SERVER_ZONE) - 1, text };
}

function nextMonth(first: LocalDay): LocalDay {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The closed range `[low, high]` (epoch ms) an observation's effective[x] covers, or null when it has none. */
export function effectiveRange(observation: Pick<Observation, 'effectiveDateTime' | 'effectivePeriod'>): { low: number; high: number } | null {
  if (observation.effectivePeriod) {
    const low = Date.parse(observation.effectivePeriod.start);
    const high = Date.parse(observation.effectivePeriod.end);
    return Number.isFinite(low) && Number.isFinite(high) ? { low, high: Math.max(low, high) } : null;
  }
  const value = observation.effectiveDateTime;
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { low: localDayStartMs(value, SERVER_ZONE), high: localDayStartMs(addDays(value, 1), SERVER_ZONE) - 1 };
  const instant = Date.parse(value);
  return Number.isFinite(instant) ? { low: instant, high: instant } : null;
}

/** Whether a target range satisfies one condition (FHIR R4 prefix semantics on ranges). */
export function rangeMatches(condition: DateCondition, target: { low: number; high: number }): boolean {
  const contained = target.low >= condition.low && target.high <= condition.high;
  switch (condition.prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return !contained;
    case 'gt':
      return target.high > condition.high;
    case 'ge':
      return target.high > condition.high || contained;
    case 'lt':
      return target.low < condition.low;
    case 'le':
      return target.low < condition.low || contained;
    case 'sa':
      return target.low > condition.high;
    case 'eb':
      return target.high < condition.low;
  }
}

/** Whether an observation satisfies every condition (repeated `date` parameters are ANDed). */
export function observationMatches(conditions: readonly DateCondition[], observation: Observation): boolean {
  if (conditions.length === 0) return true;
  const target = effectiveRange(observation);
  return target !== null && conditions.every((condition) => rangeMatches(condition, target));
}

/**
 * The local days a store read must cover so that no matching observation is missed: the
 * conditions' bounds widened by two days (a record's day may differ from its instants: a night
 * belongs to the day it ends on), within the days any input may name. Undefined ends are open.
 */
export function dayWindow(conditions: readonly DateCondition[], now: Date): { start?: LocalDay; end?: LocalDay; empty: boolean } {
  let low = -Infinity;
  let high = Infinity;
  for (const condition of conditions) {
    if (condition.prefix === 'eq') {
      low = Math.max(low, condition.low);
      high = Math.min(high, condition.high);
    } else if (condition.prefix === 'gt' || condition.prefix === 'sa') low = Math.max(low, condition.high);
    else if (condition.prefix === 'ge') low = Math.max(low, condition.low);
    else if (condition.prefix === 'lt' || condition.prefix === 'eb') high = Math.min(high, condition.low);
    else if (condition.prefix === 'le') high = Math.min(high, condition.high);
  }
  const latest = latestDay(now);
  const start = Number.isFinite(low) ? addDays(localDayOf(low, SERVER_ZONE), -2) : undefined;
  const end = Number.isFinite(high) ? addDays(localDayOf(high, SERVER_ZONE), 2) : undefined;
  if ((start !== undefined && start > latest) || (end !== undefined && end < EARLIEST_DAY)) return { empty: true };
  if (start !== undefined && end !== undefined && start > end) return { empty: true };
  return {
    ...(start !== undefined && start > EARLIEST_DAY ? { start } : {}),
    ...(end !== undefined && end < latest ? { end } : {}),
    empty: false,
  };
}

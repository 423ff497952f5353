/**
 * Axis ticks a person can read: "nice" value steps (1, 2, 2.5, 5 × 10^n, or quarter/half/whole
 * hours on a clock axis) giving 4 to 6 ticks, and day ticks every 1, 2, 3, 7, 14, … days.
 */
import { addDays, daysBetween } from '../core/time/days.js';

/** The value axis: its domain (the outer ticks) and the ticks themselves. */
export interface ValueTicks {
  min: number;
  max: number;
  ticks: number[];
}

const MIN_TICKS = 4;
const MAX_TICKS = 6;
/** Steps of a clock axis, in hours (15 min to 6 h). */
const CLOCK_STEPS = [0.25, 0.5, 1, 2, 3, 6];
/** Steps of a day axis, in days. */
const DAY_STEPS = [1, 2, 3, 7, 14, 21, 28, 35, 42, 56, 70, 91, 182, 364];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function decimalSteps(rough: number): number[] {
  const power = 10 ** Math.floor(Math.log10(rough));
  return [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50].map((factor) => factor * power);
}

function ticksWith(low: number, high: number, step: number): ValueTicks {
  // Rounded to the step's precision so 0.1 + 0.2 never prints as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const round = (value: number): number => Number(value.toFixed(digits));
  const first = Math.floor(low / step + 1e-9) * step;
  const last = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let value = first; value <= last + step / 2; value += step) ticks.push(round(value));
  return { min: round(first), max: round(last), ticks };
}

/**
 * Nice ticks covering `low..high` (4 to 6 of them, ends included); a flat series gets a
 * domain around its value. With `clock`, steps are quarter, half or whole hours.
 */
export function valueTicks(low: number, high: number, options: { clock?: boolean; includeZero?: boolean } = {}): ValueTicks {
  let from = options.includeZero ? Math.min(0, low) : low;
  let to = options.includeZero ? Math.max(0, high) : high;
  if (!(to > from)) {
    const pad = Math.abs(from) > 1 ? Math.abs(from) * 0.05 : 1;
    from -= pad;
    to += pad;
  }
  const rough = (to - from) / (MAX_TICKS - 2);
  const steps = options.clock ? CLOCK_STEPS : decimalSteps(rough);
  let best: ValueTicks | undefined;
  for (const step of steps) {
    const candidate = ticksWith(from, to, step);
    if (candidate.ticks.length >= MIN_TICKS && candidate.ticks.length <= MAX_TICKS) return candidate;
    if (candidate.ticks.length <= MAX_TICKS && !best) best = candidate;
  }
  return best ?? ticksWith(from, to, steps[steps.length - 1] ?? 1);
}

/** Days to label on an axis from `startDay` to `endDay`: at most 6, evenly spaced, the first day first. */
export function dayTicks(startDay: string, endDay: string): string[] {
  const span = Math.max(0, daysBetween(startDay, endDay));
  const step = DAY_STEPS.find((candidate) => Math.floor(span / candidate) + 1 <= MAX_TICKS) ?? Math.ceil(span / (MAX_TICKS - 1));
  const days: string[] = [];
  for (let offset = 0; offset <= span; offset += step) days.push(addDays(startDay, offset));
  return days;
}

/** "Mar 4" for 2024-03-04 (fixed English month names: the report has no locale to follow). */
export function shortDay(day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1] ?? day.slice(5, 7);
  return `${month} ${Number(day.slice(8, 10))}`;
}

/** Hours from midnight as a clock time: -0.9 → "23:06", 1.5 → "01:30". */
export function clockTime(hours: number): string {
  const minutes = ((Math.round(hours * 60) % 1440) + 1440) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Declared correlations between metrics of the day view, paired by local day with a lag. A night
 * belongs to the day it ends on, so "sleep vs the next morning's readiness" pairs the same day
 * (lag 0), and "strain vs next-day recovery" pairs day d's strain with day d+1's recovery.
 */
import type { LocalDay } from '../core/types.js';
import { addDays } from '../core/time/days.js';
import type { CanonicalDay } from './daily-view.js';
import { metricSeries } from './daily-view.js';
import { pearson, round } from './stats.js';

/** Pairs a correlation needs before a coefficient is reported. */
export const MIN_PAIRS = 10;

export interface CorrelationSpec {
  x: string;
  y: string;
  /** Days from x's day to y's day. */
  lagDays: number;
  label: string;
}

export const CORRELATIONS: readonly CorrelationSpec[] = [
  { x: 'total_sleep_seconds', y: 'readiness_score', lagDays: 0, label: "night's sleep vs that morning's readiness" },
  { x: 'total_sleep_seconds', y: 'recovery_score', lagDays: 0, label: "night's sleep vs that morning's recovery" },
  { x: 'strain', y: 'recovery_score', lagDays: 1, label: "day strain vs next day's recovery" },
  { x: 'active_calories', y: 'readiness_score', lagDays: 1, label: "active calories vs next day's readiness" },
];

export interface Correlation {
  x: string;
  y: string;
  lag_days: number;
  label: string;
  n: number;
  /** Pearson r, null with fewer than `MIN_PAIRS` pairs. */
  r: number | null;
  strength: 'none' | 'weak' | 'moderate' | 'strong' | 'too_few_pairs';
  /** First and last x-day of the pairs. */
  days: string | null;
}

function strength(r: number | null): Correlation['strength'] {
  if (r === null) return 'too_few_pairs';
  const size = Math.abs(r);
  if (size < 0.1) return 'none';
  if (size < 0.3) return 'weak';
  return size < 0.5 ? 'moderate' : 'strong';
}

/** Every declared correlation whose two metrics have at least one pair in `days`. */
export function computeCorrelations(days: readonly CanonicalDay[], specs: readonly CorrelationSpec[] = CORRELATIONS): Correlation[] {
  const out: Correlation[] = [];
  for (const spec of specs) {
    const ys = new Map(metricSeries(days, spec.y).map((point) => [point.day, point.value]));
    const pairs: Array<[number, number]> = [];
    const pairDays: LocalDay[] = [];
    for (const point of metricSeries(days, spec.x)) {
      const y = ys.get(addDays(point.day, spec.lagDays));
      if (y === undefined) continue;
      pairs.push([point.value, y]);
      pairDays.push(point.day);
    }
    if (pairs.length === 0) continue;
    const r = pairs.length >= MIN_PAIRS ? pearson(pairs) : null;
    const span = pairDays.length > 0 ? `${pairDays[0]}..${pairDays[pairDays.length - 1]}` : null;
    out.push({ x: spec.x, y: spec.y, lag_days: spec.lagDays, label: spec.label, n: pairs.length, r: r === null ? null : round(r, 2), strength: strength(r), days: span });
  }
  return out;
}

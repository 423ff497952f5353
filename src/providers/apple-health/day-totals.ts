/**
 * Apple's own day values, built by source priority instead of summing every writer.
 *
 * Steps, energy, distance and exercise minutes are written by the Apple Watch and the iPhone at
 * once (and by other apps): summing them would count a walk two or three times. Like the Health
 * app, each hour takes the best origin that has data in it — Apple Watch > iPhone > other apps —
 * so an hour the watch was off still counts the phone's steps. Vitals (resting heart rate, HRV,
 * SpO2, breathing, VO2 max) take the best origin of the day and average it. Copies written by the
 * Oura, WHOOP or Withings apps never enter these values: those providers are sources of their
 * own, and their copies are only counted in `copies` (kept in the record's raw payload).
 *
 * Memory is one small typed array per day that has data, whatever the number of samples.
 */
import type { LocalDay } from '../../core/types.js';
import { ORIGIN_CLASSES } from './source-origin.js';

/** Summed per hour and origin class. */
export const ACTIVITY_METRICS = ['steps', 'active_kcal', 'exercise_minutes', 'distance_m', 'floors'] as const;
/** Averaged per day and origin class. */
export const VITAL_METRICS = ['resting_heart_rate', 'hrv_sdnn', 'spo2_pct', 'respiratory_rate', 'vo2_max'] as const;
export type ActivityMetric = (typeof ACTIVITY_METRICS)[number];
export type VitalMetric = (typeof VITAL_METRICS)[number];

const CLASSES = ORIGIN_CLASSES.length;
const HOURS = 24;
const ACTIVITY_SLOTS = ACTIVITY_METRICS.length * HOURS * CLASSES;
const VITAL_SLOTS = VITAL_METRICS.length * CLASSES;

interface DayCells {
  /** First offset seen on the day (`-05:00`). */
  offset: string;
  activitySum: Float64Array;
  activityCount: Uint32Array;
  vitalSum: Float64Array;
  vitalCount: Uint32Array;
  /** Copies left out, per copied provider and metric. */
  copies: Map<string, number> | null;
}

/** One metric of one day: the chosen value and what every origin class had. */
export interface DayMetricTotal {
  value: number | null;
  /** Per origin class (`apple_watch`: 8123), for the raw payload. */
  byOrigin: Record<string, number>;
}

export interface DayTotals {
  day: LocalDay;
  offset: string;
  activity: Record<ActivityMetric, DayMetricTotal>;
  vitals: Record<VitalMetric, DayMetricTotal>;
  /** `oura:steps` → total left out because it was a copy. */
  copies: Record<string, number>;
}

/** Accumulates activity and vital samples per local day (see the module comment for the rules). */
export class DayTotalsAccumulator {
  private readonly days = new Map<LocalDay, DayCells>();

  private cells(day: LocalDay, offset: string): DayCells {
    let cells = this.days.get(day);
    if (!cells) {
      cells = {
        offset,
        activitySum: new Float64Array(ACTIVITY_SLOTS),
        activityCount: new Uint32Array(ACTIVITY_SLOTS),
        vitalSum: new Float64Array(VITAL_SLOTS),
        vitalCount: new Uint32Array(VITAL_SLOTS),
        copies: null,
      };
      this.days.set(day, cells);
    }
    return cells;
  }

  /** Adds an activity amount of origin class `originClass` (0 = best) in a local hour. */
  addActivity(metric: number, day: LocalDay, offset: string, hour: number, originClass: number, value: number): void {
    const cells = this.cells(day, offset);
    const slot = (metric * HOURS + hour) * CLASSES + originClass;
    cells.activitySum[slot] = (cells.activitySum[slot] ?? 0) + value;
    cells.activityCount[slot] = (cells.activityCount[slot] ?? 0) + 1;
  }

  /** Adds a vital reading of origin class `originClass` on a local day. */
  addVital(metric: number, day: LocalDay, offset: string, originClass: number, value: number): void {
    const cells = this.cells(day, offset);
    const slot = metric * CLASSES + originClass;
    cells.vitalSum[slot] = (cells.vitalSum[slot] ?? 0) + value;
    cells.vitalCount[slot] = (cells.vitalCount[slot] ?? 0) + 1;
  }

  /** Counts a copied amount (`oura`, `steps`) that stays out of the day's values. */
  addCopy(provider: string, metric: string, day: LocalDay, offset: string, value: number): void {
    const cells = this.cells(day, offset);
    const key = `${provider}:${metric}`;
    cells.copies ??= new Map();
    cells.copies.set(key, (cells.copies.get(key) ?? 0) + value);
  }

  /** Every day with data, ascending, with its chosen values. */
  *totals(): Generator<DayTotals> {
    for (const day of [...this.days.keys()].sort()) {
      const cells = this.days.get(day) as DayCells;
      yield {
        day,
        offset: cells.offset,
        activity: Object.fromEntries(ACTIVITY_METRICS.map((metric, index) => [metric, activityTotal(cells, index)])) as DayTotals['activity'],
        vitals: Object.fromEntries(VITAL_METRICS.map((metric, index) => [metric, vitalMean(cells, index)])) as DayTotals['vitals'],
        copies: Object.fromEntries([...(cells.copies ?? [])].sort(([left], [right]) => left.localeCompare(right))),
      };
    }
  }
}

function activityTotal(cells: DayCells, metric: number): DayMetricTotal {
  let value: number | null = null;
  const byOrigin: Record<string, number> = {};
  for (let hour = 0; hour < HOURS; hour++) {
    const base = (metric * HOURS + hour) * CLASSES;
    let chosen = false;
    for (let originClass = 0; originClass < CLASSES; originClass++) {
      if (!cells.activityCount[base + originClass]) continue;
      const amount = cells.activitySum[base + originClass] ?? 0;
      const name = ORIGIN_CLASSES[originClass] as string;
      byOrigin[name] = (byOrigin[name] ?? 0) + amount;
      if (!chosen) {
        value = (value ?? 0) + amount;
        chosen = true;
      }
    }
  }
  return { value, byOrigin };
}

function vitalMean(cells: DayCells, metric: number): DayMetricTotal {
  let value: number | null = null;
  const byOrigin: Record<string, number> = {};
  for (let originClass = 0; originClass < CLASSES; originClass++) {
    const count = cells.vitalCount[metric * CLASSES + originClass] ?? 0;
    if (!count) continue;
    const mean = (cells.vitalSum[metric * CLASSES + originClass] ?? 0) / count;
    byOrigin[ORIGIN_CLASSES[originClass] as string] = mean;
    value ??= mean;
  }
  return { value, byOrigin };
}

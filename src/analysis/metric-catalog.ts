/**
 * The canonical metrics of the cross-device day view: name, unit, group, which direction is
 * "better", the smallest spread worth calling a change, and the precedence that picks the headline
 * value when several devices measure the same thing.
 *
 * Precedence (first listed wins; every other source is kept beside it):
 * | group      | precedence                | why                                                       |
 * | ---------- | ------------------------- | --------------------------------------------------------- |
 * | sleep      | oura > whoop > withings   | finger PPG + stages validated against PSG; mat last       |
 * | heart      | oura > whoop > withings   | nightly averages over the whole night (WHOOP: deep sleep) |
 * | readiness  | oura / whoop (own scores) | readiness and recovery are different scores, both kept    |
 * | activity   | oura > withings > whoop   | all-day step counting; WHOOP has no steps                 |
 * | strain     | whoop                     | only WHOOP computes strain                                |
 * | body       | withings > oura > whoop   | a scale / cuff measures; profiles hold typed-in values   |
 */
import type { ProviderId } from '../core/types.js';

export type MetricGroup = 'sleep' | 'heart' | 'readiness' | 'activity' | 'body';

export interface MetricInfo {
  metric: string;
  unit: string;
  group: MetricGroup;
  /** Which direction is good for the person (null: neither). */
  better: 'higher' | 'lower' | null;
  /** Smallest robust spread used for anomaly scores (a perfectly stable series is not infinitely sensitive). */
  minSpread: number;
  /** Decimals kept in answers. */
  decimals: number;
  /** Headline precedence; providers not listed come after, in id order. */
  precedence: readonly ProviderId[];
}

const SLEEP: readonly ProviderId[] = ['oura', 'whoop', 'withings'];
const ACTIVITY: readonly ProviderId[] = ['oura', 'withings', 'whoop'];
const BODY: readonly ProviderId[] = ['withings', 'oura', 'whoop'];

function metric(
  name: string,
  unit: string,
  group: MetricGroup,
  better: MetricInfo['better'],
  minSpread: number,
  decimals = 0,
  precedence: readonly ProviderId[] = SLEEP,
): MetricInfo {
  return { metric: name, unit, group, better, minSpread, decimals, precedence };
}

/** Every canonical metric, in answer order. */
export const METRIC_CATALOG: readonly MetricInfo[] = [
  metric('total_sleep_seconds', 's', 'sleep', 'higher', 900),
  metric('deep_sleep_seconds', 's', 'sleep', 'higher', 300),
  metric('rem_sleep_seconds', 's', 'sleep', 'higher', 300),
  metric('light_sleep_seconds', 's', 'sleep', null, 300),
  metric('awake_seconds', 's', 'sleep', 'lower', 300),
  metric('time_in_bed_seconds', 's', 'sleep', null, 900),
  metric('sleep_efficiency_pct', '%', 'sleep', 'higher', 1.5, 1),
  metric('sleep_latency_seconds', 's', 'sleep', 'lower', 180),
  /** Bedtime as hours from the wake day's local midnight: 23:30 is -0.5, 01:30 is 1.5. */
  metric('bedtime_hours', 'h', 'sleep', null, 0.3, 2),
  metric('sleep_score', 'score', 'sleep', 'higher', 3),
  metric('average_hrv_ms', 'ms', 'heart', 'higher', 2, 1),
  metric('resting_heart_rate_bpm', 'bpm', 'heart', 'lower', 1, 1),
  metric('respiratory_rate', 'breaths/min', 'heart', null, 0.3, 1),
  metric('spo2_pct', '%', 'heart', 'higher', 0.5, 1),
  metric('temperature_deviation_c', '°C', 'heart', null, 0.1, 2),
  metric('skin_temp_c', '°C', 'heart', null, 0.2, 1, ['whoop', 'oura', 'withings']),
  metric('readiness_score', 'score', 'readiness', 'higher', 3, 0, ['oura']),
  metric('recovery_score', 'score', 'readiness', 'higher', 5, 0, ['whoop']),
  metric('steps', 'steps', 'activity', 'higher', 800, 0, ACTIVITY),
  metric('active_calories', 'kcal', 'activity', 'higher', 60, 0, ACTIVITY),
  metric('total_calories', 'kcal', 'activity', null, 80, 0, ACTIVITY),
  metric('active_minutes', 'min', 'activity', 'higher', 8, 0, ACTIVITY),
  metric('strain', 'strain 0-21', 'activity', null, 1, 1, ['whoop']),
  metric('workout_count', 'count', 'activity', null, 1, 0, ['whoop', 'oura', 'withings']),
  metric('workout_minutes', 'min', 'activity', null, 10, 0, ['whoop', 'oura', 'withings']),
  metric('weight_kg', 'kg', 'body', null, 0.3, 2, BODY),
  metric('fat_ratio_pct', '%', 'body', null, 0.5, 1, BODY),
  metric('systolic_mmhg', 'mmHg', 'body', 'lower', 3, 0, BODY),
  metric('diastolic_mmhg', 'mmHg', 'body', 'lower', 2, 0, BODY),
];

const BY_NAME = new Map(METRIC_CATALOG.map((info) => [info.metric, info]));

/** The catalog entry of a metric, or undefined for an unknown name. */
export function metricInfo(name: string): MetricInfo | undefined {
  return BY_NAME.get(name);
}

/** Metric names in catalog order. */
export const METRIC_NAMES: readonly string[] = METRIC_CATALOG.map((info) => info.metric);

/** The headline rank of a provider for a metric (lower wins). */
export function precedenceRank(info: MetricInfo, provider: ProviderId): number {
  const index = info.precedence.indexOf(provider);
  return index === -1 ? info.precedence.length : index;
}

/** Rounds a value to the metric's decimals. */
export function roundFor(info: MetricInfo | undefined, value: number): number {
  const factor = 10 ** (info?.decimals ?? 2);
  return Math.round(value * factor) / factor;
}

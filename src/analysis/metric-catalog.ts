/**
 * The canonical metrics of the cross-device day view: name, unit, group, which direction is
 * "better", the smallest spread worth calling a change, and the precedence that picks the headline
 * value when several devices measure the same thing.
 *
 * Precedence (first wins; every other source is kept beside it) is declared by the providers:
 * each module's `dayView.headline` ranks it per metric group or metric, with the reason beside
 * it; ties keep the registry order. Scores only one provider computes (readiness, recovery,
 * strain) have a single source.
 */
import type { ProviderId } from '../core/types.js';
import { PROVIDER_MODULES } from '../providers/registry.js';

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
  /** Headline precedence (the providers that rank this metric); providers not listed come after. */
  precedence: readonly ProviderId[];
}

/** The providers ranking `name` (or its group), best first; ties keep the registry order. */
function precedenceOf(name: string, group: MetricGroup): ProviderId[] {
  const ranked = PROVIDER_MODULES.flatMap((module, order) => {
    const rank = module.dayView.headline[name] ?? module.dayView.headline[group];
    return rank === undefined ? [] : [{ id: module.id, rank, order }];
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map((entry) => entry.id);
}

/** The headline order of a whole metric group (per-metric exceptions aside), for descriptions. */
export function groupPrecedence(group: MetricGroup): ProviderId[] {
  return precedenceOf(group, group);
}

function metric(name: string, unit: string, group: MetricGroup, better: MetricInfo['better'], minSpread: number, decimals = 0): MetricInfo {
  return { metric: name, unit, group, better, minSpread, decimals, precedence: precedenceOf(name, group) };
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
  metric('skin_temp_c', '°C', 'heart', null, 0.2, 1),
  metric('readiness_score', 'score', 'readiness', 'higher', 3, 0),
  metric('recovery_score', 'score', 'readiness', 'higher', 5, 0),
  metric('steps', 'steps', 'activity', 'higher', 800, 0),
  metric('active_calories', 'kcal', 'activity', 'higher', 60, 0),
  metric('total_calories', 'kcal', 'activity', null, 80, 0),
  metric('active_minutes', 'min', 'activity', 'higher', 8, 0),
  metric('strain', 'strain 0-21', 'activity', null, 1, 1),
  metric('workout_count', 'count', 'activity', null, 1, 0),
  metric('workout_minutes', 'min', 'activity', null, 10, 0),
  metric('weight_kg', 'kg', 'body', null, 0.3, 2),
  metric('fat_ratio_pct', '%', 'body', null, 0.5, 1),
  metric('systolic_mmhg', 'mmHg', 'body', 'lower', 3, 0),
  metric('diastolic_mmhg', 'mmHg', 'body', 'lower', 2, 0),
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

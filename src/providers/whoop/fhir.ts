/**
 * WHOOP's FHIR sources (fields as `src/providers/whoop/normalize*.ts` writes them). Only records
 * WHOOP has SCORED produce observations: a pending or unscorable record's values are not WHOOP's
 * answer yet (the normalizer nulls them, and the rule makes that explicit).
 */
import type { NumberField, RecordKind } from '../../core/records/record.js';
import { kindSource, type MetricSource } from '../../export/fhir/metric-types.js';

/** Every scored WHOOP kind carries `score_state`. */
const SCORED = { field: 'score_state', equals: 'SCORED' } as const;

/** A source of one WHOOP resource of `kind` whose records count only once WHOOP has scored them. */
function scored<K extends RecordKind>(kind: K, metric: string, resource: string, field: NumberField<K>): MetricSource {
  return { ...kindSource<K>(kind, { metric, provider: 'whoop', resource, field }), onlyWhen: [SCORED] };
}

export const WHOOP_SOURCES: readonly MetricSource[] = [
  scored('daily_scores', 'resting_heart_rate', 'recovery', 'resting_heart_rate_bpm'),
  // WHOOP's HRV is RMSSD (measured in deep sleep): project code, never LOINC 80404-7 (SDNN).
  scored('daily_scores', 'hrv_rmssd', 'recovery', 'hrv_rmssd_ms'),
  scored('daily_scores', 'oxygen_saturation', 'recovery', 'spo2_pct'),
  // Skin temperature is not core body temperature (8310-5): project code.
  scored('daily_scores', 'skin_temperature', 'recovery', 'skin_temp_c'),
  scored('daily_scores', 'recovery_score', 'recovery', 'recovery_score'),
  scored('activity_day', 'strain', 'cycle', 'strain'),
  scored('sleep_period', 'respiratory_rate', 'sleep', 'respiratory_rate'),
  scored('sleep_period', 'sleep_duration', 'sleep', 'total_sleep_seconds'),
  scored('sleep_period', 'deep_sleep_duration', 'sleep', 'deep_sleep_seconds'),
  scored('sleep_period', 'light_sleep_duration', 'sleep', 'light_sleep_seconds'),
  scored('sleep_period', 'rem_sleep_duration', 'sleep', 'rem_sleep_seconds'),
  kindSource('profile', { metric: 'body_weight', provider: 'whoop', resource: 'body_measurement', field: 'weight_kg' }),
  kindSource('profile', { metric: 'body_height', provider: 'whoop', resource: 'body_measurement', field: 'height_m', scale: 100 }),
];

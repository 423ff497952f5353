/**
 * WHOOP's FHIR sources (fields as `src/providers/whoop/normalize*.ts` writes them). Only records
 * WHOOP has SCORED produce observations: a pending or unscorable record's values are not WHOOP's
 * answer yet (the normalizer nulls them, and the rule makes that explicit).
 */
import type { MetricSource, RecordRule } from '../../export/fhir/metric-types.js';

const SCORED: readonly RecordRule[] = [{ field: 'score_state', equals: 'SCORED' }];

function scored(metric: string, resource: string, field: string, more: Partial<MetricSource> = {}): MetricSource {
  return { metric, provider: 'whoop', resource, field, onlyWhen: SCORED, ...more };
}

export const WHOOP_SOURCES: readonly MetricSource[] = [
  scored('resting_heart_rate', 'recovery', 'resting_heart_rate_bpm'),
  // WHOOP's HRV is RMSSD (measured in deep sleep): project code, never LOINC 80404-7 (SDNN).
  scored('hrv_rmssd', 'recovery', 'hrv_rmssd_ms'),
  scored('oxygen_saturation', 'recovery', 'spo2_pct'),
  // Skin temperature is not core body temperature (8310-5): project code.
  scored('skin_temperature', 'recovery', 'skin_temp_c'),
  scored('recovery_score', 'recovery', 'recovery_score'),
  scored('strain', 'cycle', 'strain'),
  scored('respiratory_rate', 'sleep', 'respiratory_rate'),
  scored('sleep_duration', 'sleep', 'total_sleep_seconds'),
  scored('deep_sleep_duration', 'sleep', 'deep_sleep_seconds'),
  scored('light_sleep_duration', 'sleep', 'light_sleep_seconds'),
  scored('rem_sleep_duration', 'sleep', 'rem_sleep_seconds'),
  { metric: 'body_weight', provider: 'whoop', resource: 'body_measurement', field: 'weight_kg' },
  { metric: 'body_height', provider: 'whoop', resource: 'body_measurement', field: 'height_m', scale: 100 },
];

/**
 * Apple Health's FHIR sources (fields as this folder's normalizers write them). Apple's HRV is the
 * SDNN of beat intervals, so it is exported under LOINC 80404-7 (R-R interval standard
 * deviation), which is correct here, unlike for the RMSSD of rings and straps.
 */
import type { MetricSource } from '../../export/fhir/metric-types.js';

const source = (metric: string, resource: string, field: string, more: Partial<MetricSource> = {}): MetricSource => ({ metric, provider: 'apple-health', resource, field, ...more });

export const APPLE_HEALTH_SOURCES: readonly MetricSource[] = [
  source('body_weight', 'measures', 'weight_kg', { deviceField: 'device_model' }),
  source('body_fat_percentage', 'measures', 'fat_ratio_pct', { deviceField: 'device_model' }),
  { metric: 'blood_pressure', provider: 'apple-health', resource: 'measures', componentFields: { systolic: 'systolic_mmhg', diastolic: 'diastolic_mmhg' }, deviceField: 'device_model' },
  source('resting_heart_rate', 'vitals', 'resting_heart_rate_bpm'),
  source('hrv_sdnn', 'vitals', 'hrv_sdnn_ms'),
  source('oxygen_saturation', 'vitals', 'spo2_pct'),
  source('respiratory_rate', 'vitals', 'respiratory_rate'),
  source('vo2_max', 'vitals', 'vo2_max_ml_kg_min'),
  source('steps', 'activity', 'steps'),
  source('sleep_duration', 'sleep', 'total_sleep_seconds'),
  source('deep_sleep_duration', 'sleep', 'deep_sleep_seconds'),
  source('light_sleep_duration', 'sleep', 'light_sleep_seconds'),
  source('rem_sleep_duration', 'sleep', 'rem_sleep_seconds'),
];

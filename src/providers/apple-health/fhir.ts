/**
 * Apple Health's FHIR sources (fields as this folder's normalizers write them). Apple's HRV is the
 * SDNN of beat intervals, so it is exported under LOINC 80404-7 (R-R interval standard
 * deviation), which is correct here, unlike for the RMSSD of rings and straps.
 */
import type { NumberField } from '../../core/records/record.js';
import { kindSource, type MetricSource } from '../../export/fhir/metric-types.js';

const PROVIDER = 'apple-health';

const measure = (metric: string, field: NumberField<'body_measure'>): MetricSource =>
  kindSource('body_measure', { metric, provider: PROVIDER, resource: 'measures', field, deviceField: 'device_model' });
const vital = (metric: string, field: NumberField<'daily_scores'>): MetricSource => kindSource('daily_scores', { metric, provider: PROVIDER, resource: 'vitals', field });
const sleep = (metric: string, field: NumberField<'sleep_period'>): MetricSource => kindSource('sleep_period', { metric, provider: PROVIDER, resource: 'sleep', field });

export const APPLE_HEALTH_SOURCES: readonly MetricSource[] = [
  measure('body_weight', 'weight_kg'),
  measure('body_fat_percentage', 'fat_ratio_pct'),
  kindSource('body_measure', {
    metric: 'blood_pressure',
    provider: PROVIDER,
    resource: 'measures',
    componentFields: { systolic: 'systolic_mmhg', diastolic: 'diastolic_mmhg' },
    deviceField: 'device_model',
  }),
  vital('resting_heart_rate', 'resting_heart_rate_bpm'),
  vital('hrv_sdnn', 'hrv_sdnn_ms'),
  vital('oxygen_saturation', 'spo2_pct'),
  vital('respiratory_rate', 'respiratory_rate'),
  vital('vo2_max', 'vo2_max_ml_kg_min'),
  kindSource('activity_day', { metric: 'steps', provider: PROVIDER, resource: 'activity', field: 'steps' }),
  sleep('sleep_duration', 'total_sleep_seconds'),
  sleep('deep_sleep_duration', 'deep_sleep_seconds'),
  sleep('light_sleep_duration', 'light_sleep_seconds'),
  sleep('rem_sleep_duration', 'rem_sleep_seconds'),
];

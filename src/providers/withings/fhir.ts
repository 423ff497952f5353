/**
 * Withings' FHIR sources (fields as `src/providers/withings/normalize*.ts` writes them; measure
 * types decode to fields through its `MEASURE_TYPES`: 1 weight, 4 height (m), 6 fat ratio,
 * 9 diastolic, 10 systolic, 11 heart pulse, 12 temperature, 54 SpO2, 71 body temperature, ...).
 * Measure groups are skipped by the same rule the day view uses (weight goals, a guest on the
 * scale): the rule is read from the day view's declaration, not restated here.
 */
import { WITHINGS_MAPPINGS } from './day-view.js';
import type { NumberField } from '../../core/records/record.js';
import { kindSource, type KindRule, type MetricSource } from '../../export/fhir/metric-types.js';

function measureSkipRules(): readonly KindRule<'body_measure'>[] {
  const mapping = WITHINGS_MAPPINGS.find((candidate) => candidate.resource === 'measures');
  const rules = mapping?.kind === 'body_measure' ? mapping.skipWhen : undefined;
  if (!rules || rules.length === 0) throw new Error('The Withings day-view mapping of measures declares no skip rules.');
  return rules;
}

const MEASURE_SKIP = measureSkipRules();

/** A measure-group source: skip rules and the group's device model. */
function measure(metric: string, field: NumberField<'body_measure'> | readonly NumberField<'body_measure'>[], more: { scale?: number } = {}): MetricSource {
  return kindSource('body_measure', { metric, provider: 'withings', resource: 'measures', field, skipWhen: MEASURE_SKIP, deviceField: 'device_model', ...more });
}

export const WITHINGS_SOURCES: readonly MetricSource[] = [
  measure('body_weight', 'weight_kg'),
  measure('body_height', 'height_m', { scale: 100 }),
  measure('body_fat_percentage', 'fat_ratio_pct'),
  // Systolic (type 10) and diastolic (type 9) of one measure group form one panel.
  kindSource('body_measure', {
    metric: 'blood_pressure',
    provider: 'withings',
    resource: 'measures',
    componentFields: { systolic: 'systolic_mmhg', diastolic: 'diastolic_mmhg' },
    skipWhen: MEASURE_SKIP,
    deviceField: 'device_model',
  }),
  measure('heart_rate', 'heart_rate_bpm'),
  // Type 71 (body temperature) first, else type 12 (temperature): one observation per group.
  measure('body_temperature', ['body_temperature_c', 'temperature_c']),
  measure('oxygen_saturation', 'spo2_pct'),
  measure('skin_temperature', 'skin_temperature_c'),
  measure('fat_mass', 'fat_mass_kg'),
  measure('fat_free_mass', 'fat_free_mass_kg'),
  measure('muscle_mass', 'muscle_mass_kg'),
  measure('bone_mass', 'bone_mass_kg'),
  measure('body_water_mass', 'hydration_kg'),
  measure('extracellular_water_mass', 'extracellular_water_kg'),
  measure('intracellular_water_mass', 'intracellular_water_kg'),
  measure('visceral_fat_index', 'visceral_fat_index'),
  measure('basal_metabolic_rate', 'basal_metabolic_rate_kcal'),
  measure('metabolic_age', 'metabolic_age_years'),
  measure('pulse_wave_velocity', 'pulse_wave_velocity_m_s'),
  measure('vo2_max', 'vo2_max_ml_kg_min'),
  measure('cardiovascular_age', 'vascular_age_years'),
  measure('ecg_qrs_duration', 'qrs_interval_ms'),
  measure('ecg_pr_interval', 'pr_interval_ms'),
  measure('ecg_qt_interval', 'qt_interval_ms'),
  measure('ecg_qtc_interval', 'qtc_interval_ms'),
  kindSource('sleep_period', { metric: 'sleep_duration', provider: 'withings', resource: 'sleep_summary', field: 'total_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'deep_sleep_duration', provider: 'withings', resource: 'sleep_summary', field: 'deep_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'light_sleep_duration', provider: 'withings', resource: 'sleep_summary', field: 'light_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'rem_sleep_duration', provider: 'withings', resource: 'sleep_summary', field: 'rem_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'heart_rate', provider: 'withings', resource: 'sleep_summary', field: 'average_heart_rate_bpm' }),
  kindSource('sleep_period', { metric: 'respiratory_rate', provider: 'withings', resource: 'sleep_summary', field: 'respiratory_rate' }),
  kindSource('sleep_period', { metric: 'sleep_score', provider: 'withings', resource: 'sleep_summary', field: 'sleep_score' }),
  kindSource('activity_day', { metric: 'steps', provider: 'withings', resource: 'activity', field: 'steps' }),
];

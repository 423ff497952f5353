/**
 * The `body_measure` kind: one weigh-in, blood pressure reading, temperature ... (a group of
 * measures taken together). Each measure is a canonical field with its unit in the name, and is
 * also listed with its label in `measures`.
 */
import type { RecordDataBase } from './record-data-base.js';

/** The canonical measure fields of a group, unit in the name. */
export const BODY_MEASURE_FIELDS = [
  'weight_kg',
  'height_m',
  'fat_free_mass_kg',
  'fat_ratio_pct',
  'fat_mass_kg',
  'diastolic_mmhg',
  'systolic_mmhg',
  'heart_rate_bpm',
  'temperature_c',
  'spo2_pct',
  'body_temperature_c',
  'skin_temperature_c',
  'muscle_mass_kg',
  'hydration_kg',
  'bone_mass_kg',
  'pulse_wave_velocity_m_s',
  'vo2_max_ml_kg_min',
  'afib_ecg_result',
  'qrs_interval_ms',
  'pr_interval_ms',
  'qt_interval_ms',
  'qtc_interval_ms',
  'afib_ppg_result',
  'vascular_age_years',
  'nerve_health_score_feet',
  'extracellular_water_kg',
  'intracellular_water_kg',
  'visceral_fat_index',
  'electrodermal_activity_feet',
  'basal_metabolic_rate_kcal',
  'metabolic_age_years',
  'electrochemical_skin_conductance',
] as const;
export type BodyMeasureField = (typeof BODY_MEASURE_FIELDS)[number];

/** Measures taken per body segment, kept as `{ left_arm: 3.1, ... }` (kg). */
export const BODY_SEGMENT_FIELDS = ['fat_free_mass_segments_kg', 'fat_mass_segments_kg', 'muscle_mass_segments_kg'] as const;
export type BodySegmentField = (typeof BODY_SEGMENT_FIELDS)[number];

/** Classification results, which also carry their label (`afib_ecg_result_label: 'negative'`). */
export type BodyMeasureLabelField = 'afib_ecg_result_label' | 'afib_ppg_result_label';

/** One measure of the group as tools list it. */
export interface BodyMeasureEntry {
  /** The source's code of the measure type, when it has codes. */
  type?: number;
  /** The canonical field (`weight_kg`), or `meastype_<n>` for a type without one. */
  key: string;
  label: string;
  value: number;
  unit: string | null;
  /** Label of a classification code (AFib results). */
  classification?: string;
  /** Body segment or placement (`left_arm`, ...). */
  position?: string;
}

/** The `data` of a `body_measure` record. */
export type BodyMeasureData = RecordDataBase & {
  [field in BodyMeasureField]?: number;
} & {
  [field in BodySegmentField]?: Record<string, number>;
} & {
  [field in BodyMeasureLabelField]?: string;
} & {
  /** A measure type without a canonical field keeps its code. */
  [field: `meastype_${number}`]: number;
} & {
  /** `measurement`, or `goal` for a target the person set. */
  category: 'measurement' | 'goal';
  /** `device`, `manual`, `ambiguous`, `unknown`. */
  attribution: string;
  attribution_detail: string;
  device_model: string | null;
  device_model_id: number | null;
  comment: string | null;
  measures: BodyMeasureEntry[];
};

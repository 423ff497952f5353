/**
 * Every measure type of the `measure getmeas` table in Withings' spec, with the canonical field
 * each decodes to, its unit and label. Values arrive as `value × 10^unit` in S.I. units; `scale`
 * converts the S.I. value to the canonical unit (seconds → milliseconds for ECG intervals).
 * Names shared with Oura/WHOOP where the meaning is the same (`weight_kg`, `heart_rate_bpm`, ...).
 */

import type { BodyMeasureField, BodySegmentField } from '../../core/records/body-measure.js';

export interface MeasureType {
  /** Withings `meastype`. */
  type: number;
  /** Canonical field in normalized records (a `body_measure` field; segmented types: a segment map). */
  key: BodyMeasureField | BodySegmentField;
  /** Label as the spec's table gives it. */
  label: string;
  /** Unit of the canonical value (null: a score, index or classification). */
  unit: string | null;
  /** Multiplier from the decoded S.I. value to the canonical unit (default 1). */
  scale?: number;
  /** A classification code rather than a physical value (AFib results). */
  classification?: boolean;
}

/** The spec's `meastype` table, in its order. */
export const MEASURE_TYPES: readonly MeasureType[] = [
  { type: 1, key: 'weight_kg', label: 'Weight', unit: 'kg' },
  { type: 4, key: 'height_m', label: 'Height', unit: 'm' },
  { type: 5, key: 'fat_free_mass_kg', label: 'Fat Free Mass', unit: 'kg' },
  { type: 6, key: 'fat_ratio_pct', label: 'Fat Ratio', unit: '%' },
  { type: 8, key: 'fat_mass_kg', label: 'Fat Mass Weight', unit: 'kg' },
  { type: 9, key: 'diastolic_mmhg', label: 'Diastolic Blood Pressure', unit: 'mmHg' },
  { type: 10, key: 'systolic_mmhg', label: 'Systolic Blood Pressure', unit: 'mmHg' },
  { type: 11, key: 'heart_rate_bpm', label: 'Heart Pulse', unit: 'bpm' },
  { type: 12, key: 'temperature_c', label: 'Temperature', unit: '°C' },
  { type: 54, key: 'spo2_pct', label: 'SpO2', unit: '%' },
  { type: 71, key: 'body_temperature_c', label: 'Body Temperature', unit: '°C' },
  { type: 73, key: 'skin_temperature_c', label: 'Skin Temperature', unit: '°C' },
  { type: 76, key: 'muscle_mass_kg', label: 'Muscle Mass', unit: 'kg' },
  { type: 77, key: 'hydration_kg', label: 'Hydration', unit: 'kg' },
  { type: 88, key: 'bone_mass_kg', label: 'Bone Mass', unit: 'kg' },
  { type: 91, key: 'pulse_wave_velocity_m_s', label: 'Pulse Wave Velocity', unit: 'm/s' },
  { type: 123, key: 'vo2_max_ml_kg_min', label: 'VO2 max', unit: 'ml/min/kg' },
  { type: 130, key: 'afib_ecg_result', label: 'Atrial fibrillation result', unit: null, classification: true },
  { type: 135, key: 'qrs_interval_ms', label: 'QRS interval duration (ECG)', unit: 'ms', scale: 1000 },
  { type: 136, key: 'pr_interval_ms', label: 'PR interval duration (ECG)', unit: 'ms', scale: 1000 },
  { type: 137, key: 'qt_interval_ms', label: 'QT interval duration (ECG)', unit: 'ms', scale: 1000 },
  { type: 138, key: 'qtc_interval_ms', label: 'Corrected QT interval duration (ECG)', unit: 'ms', scale: 1000 },
  { type: 139, key: 'afib_ppg_result', label: 'Atrial fibrillation result from PPG', unit: null, classification: true },
  { type: 155, key: 'vascular_age_years', label: 'Vascular age', unit: 'years' },
  { type: 167, key: 'nerve_health_score_feet', label: 'Nerve Health Score Conductance 2 electrodes Feet', unit: null },
  { type: 168, key: 'extracellular_water_kg', label: 'Extracellular Water', unit: 'kg' },
  { type: 169, key: 'intracellular_water_kg', label: 'Intracellular Water', unit: 'kg' },
  { type: 170, key: 'visceral_fat_index', label: 'Visceral Fat', unit: null },
  { type: 173, key: 'fat_free_mass_segments_kg', label: 'Fat Free Mass for segments', unit: 'kg' },
  { type: 174, key: 'fat_mass_segments_kg', label: 'Fat Mass for segments', unit: 'kg' },
  { type: 175, key: 'muscle_mass_segments_kg', label: 'Muscle Mass for segments', unit: 'kg' },
  { type: 196, key: 'electrodermal_activity_feet', label: 'Electrodermal activity feet', unit: null },
  { type: 226, key: 'basal_metabolic_rate_kcal', label: 'Basal Metabolic Rate (BMR)', unit: 'kcal' },
  { type: 227, key: 'metabolic_age_years', label: 'Metabolic Age', unit: 'years' },
  { type: 229, key: 'electrochemical_skin_conductance', label: 'Electrochemical Skin Conductance (ESC)', unit: null },
];

const BY_TYPE = new Map(MEASURE_TYPES.map((entry) => [entry.type, entry]));

/** The table entry of a `meastype`, or undefined for a type the spec does not list. */
export function measureType(type: number): MeasureType | undefined {
  return BY_TYPE.get(type);
}

/** Labels of the AFib classification codes (types 130 and 139), from the spec's `value` table. */
export const AFIB_CLASSIFICATIONS: Readonly<Record<number, string>> = {
  0: 'negative',
  1: 'positive',
  2: 'inconclusive',
  3: 'no_signal',
  4: 'other',
  5: 'noise',
  6: 'low_heart_rate',
  7: 'high_heart_rate',
  8: 'inconclusive_us',
  9: 'negative_normal_hr',
  10: 'negative_high_hr',
  11: 'positive_normal_hr',
  12: 'positive_high_hr',
  13: 'no_diagnosis',
};

/** Labels of the `position` codes (body segments and placement). */
export const POSITIONS: Readonly<Record<number, string>> = {
  0: 'right_wrist',
  1: 'left_wrist',
  2: 'right_arm',
  3: 'left_arm',
  4: 'right_foot',
  5: 'left_foot',
  6: 'between_legs',
  8: 'left_body',
  9: 'right_body',
  10: 'left_leg',
  11: 'right_leg',
  12: 'torso',
  13: 'left_hand',
  14: 'right_hand',
  29: 'between_arms',
  30: 'hold_right',
  31: 'hold_left',
};

/** How a measure group was attributed to the user (`attrib`), from the spec's table. */
export const ATTRIBUTIONS: Readonly<Record<number, { label: string; source: 'device' | 'manual' | 'ambiguous' }>> = {
  0: { label: 'device', source: 'device' },
  1: { label: 'ambiguous', source: 'ambiguous' },
  2: { label: 'manual', source: 'manual' },
  4: { label: 'manual_at_creation', source: 'manual' },
  5: { label: 'auto_bp', source: 'device' },
  7: { label: 'confirmed', source: 'device' },
  8: { label: 'device', source: 'device' },
  15: { label: 'guided', source: 'device' },
};

/** `value × 10^unit`, rounded to the precision the unit implies (no float noise like 72.30000001). */
export function decodeValue(value: number, unit: number): number {
  const decoded = value * 10 ** unit;
  const digits = Math.max(0, -unit);
  return Number(decoded.toFixed(Math.min(digits, 12)));
}

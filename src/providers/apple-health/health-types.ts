/**
 * The HealthKit types this provider reads, and each one's unit conversion to the canonical unit.
 * Exports write values in the unit the person chose on the phone (`lb`, `kJ`, `mi`, `%` as a
 * fraction), so every value passes through its type's converter; an unknown unit is refused
 * (the sample is counted as skipped) rather than guessed.
 */

/** What a quantity type feeds. */
export type QuantityMetric =
  | 'steps'
  | 'active_kcal'
  | 'exercise_minutes'
  | 'distance_m'
  | 'floors'
  | 'heart_rate'
  | 'resting_heart_rate'
  | 'hrv_sdnn'
  | 'spo2_pct'
  | 'respiratory_rate'
  | 'vo2_max'
  | 'weight_kg'
  | 'fat_ratio_pct'
  | 'systolic_mmhg'
  | 'diastolic_mmhg';

type Converter = (value: number, unit: string) => number | null;

const factor =
  (factors: Readonly<Record<string, number>>): Converter =>
  (value, unit) => {
    const scale = factors[unit];
    return scale === undefined ? null : value * scale;
  };

/** A fraction (`0.97`) in %; a value above 1 was already written as a percentage. */
const percent: Converter = (value, unit) => (unit === '%' ? (value <= 1 ? value * 100 : value) : null);

const PER_MINUTE = factor({ 'count/min': 1, 'count/s': 60, 'count/h': 1 / 60 });

/** HealthKit quantity type identifier → metric and converter to its canonical unit. */
export const QUANTITY_TYPES: ReadonlyMap<string, { metric: QuantityMetric; convert: Converter }> = new Map([
  ['HKQuantityTypeIdentifierStepCount', { metric: 'steps', convert: factor({ count: 1 }) }],
  ['HKQuantityTypeIdentifierActiveEnergyBurned', { metric: 'active_kcal', convert: factor({ kcal: 1, Cal: 1, kJ: 1 / 4.184, cal: 1 / 1000, J: 1 / 4184 }) }],
  ['HKQuantityTypeIdentifierAppleExerciseTime', { metric: 'exercise_minutes', convert: factor({ min: 1, s: 1 / 60, hr: 60 }) }],
  ['HKQuantityTypeIdentifierDistanceWalkingRunning', { metric: 'distance_m', convert: factor({ m: 1, km: 1000, cm: 0.01, mi: 1609.344, yd: 0.9144, ft: 0.3048 }) }],
  ['HKQuantityTypeIdentifierFlightsClimbed', { metric: 'floors', convert: factor({ count: 1 }) }],
  ['HKQuantityTypeIdentifierHeartRate', { metric: 'heart_rate', convert: PER_MINUTE }],
  ['HKQuantityTypeIdentifierRestingHeartRate', { metric: 'resting_heart_rate', convert: PER_MINUTE }],
  // Apple's HRV is SDNN (standard deviation of beat intervals), not the RMSSD rings and straps report.
  ['HKQuantityTypeIdentifierHeartRateVariabilitySDNN', { metric: 'hrv_sdnn', convert: factor({ ms: 1, s: 1000 }) }],
  ['HKQuantityTypeIdentifierOxygenSaturation', { metric: 'spo2_pct', convert: percent }],
  ['HKQuantityTypeIdentifierRespiratoryRate', { metric: 'respiratory_rate', convert: PER_MINUTE }],
  ['HKQuantityTypeIdentifierVO2Max', { metric: 'vo2_max', convert: factor({ 'mL/min·kg': 1, 'ml/(kg*min)': 1, 'mL/(kg·min)': 1 }) }],
  ['HKQuantityTypeIdentifierBodyMass', { metric: 'weight_kg', convert: factor({ kg: 1, g: 0.001, lb: 0.45359237, st: 6.35029318 }) }],
  ['HKQuantityTypeIdentifierBodyFatPercentage', { metric: 'fat_ratio_pct', convert: percent }],
  ['HKQuantityTypeIdentifierBloodPressureSystolic', { metric: 'systolic_mmhg', convert: factor({ mmHg: 1, kPa: 7.50062 }) }],
  ['HKQuantityTypeIdentifierBloodPressureDiastolic', { metric: 'diastolic_mmhg', convert: factor({ mmHg: 1, kPa: 7.50062 }) }],
]);

export const SLEEP_ANALYSIS_TYPE = 'HKCategoryTypeIdentifierSleepAnalysis';
export const BLOOD_PRESSURE_TYPE = 'HKCorrelationTypeIdentifierBloodPressure';

/** A sleep analysis value's stage; `asleep` is sleep of no known stage (before iOS 16, or a third-party app). */
export type SleepStage = 'in_bed' | 'awake' | 'core' | 'deep' | 'rem' | 'asleep';

/** HKCategoryValueSleepAnalysis* → stage. */
export const SLEEP_STAGES: ReadonlyMap<string, SleepStage> = new Map([
  ['HKCategoryValueSleepAnalysisInBed', 'in_bed'],
  ['HKCategoryValueSleepAnalysisAwake', 'awake'],
  ['HKCategoryValueSleepAnalysisAsleepCore', 'core'],
  ['HKCategoryValueSleepAnalysisAsleepDeep', 'deep'],
  ['HKCategoryValueSleepAnalysisAsleepREM', 'rem'],
  ['HKCategoryValueSleepAnalysisAsleepUnspecified', 'asleep'],
  ['HKCategoryValueSleepAnalysisAsleep', 'asleep'],
]);

/** `HKWorkoutActivityTypeTraditionalStrengthTraining` → `traditional_strength_training`. */
export function workoutActivityName(type: string | undefined): string | null {
  if (!type) return null;
  const name = type.replace(/^HKWorkoutActivityType/, '');
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || null;
}

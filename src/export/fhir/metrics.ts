/**
 * The mapping table of the FHIR export: each metric's code, unit and category, and which canonical
 * `data` fields of which provider resource feed it (each provider module's `fhirSources`). A
 * provider plugs in through its module; adding a metric means one `METRICS` entry (and a pin in
 * `test/export/fhir-metrics.test.ts`).
 *
 * LOINC codes are used only where verified; everything else uses `PROJECT_METRIC_SYSTEM`. Units
 * are UCUM. Temperature *deviation* is a difference, so it is in kelvin (`K`, equal in size to a
 * Celsius degree): `Cel` is an absolute scale and would be wrong for a delta.
 */
import type { ProviderId } from '../../core/types.js';
import { LOINC, PROJECT_METRIC_SYSTEM } from './code-systems.js';
import type { MetricCoding, MetricDefinition, MetricSource } from './metric-types.js';
import { PROVIDER_MODULES } from '../../providers/registry.js';

export type { MetricCoding, MetricDefinition, MetricSource, RecordRule } from './metric-types.js';

const loinc = (code: string, display: string): MetricCoding => ({ system: LOINC, code, display });
const project = (metric: string, display: string): MetricCoding => ({ system: PROJECT_METRIC_SYSTEM, code: metric, display });
const unit = (code: string, display = code) => ({ code, display });

const VITAL_PROFILE = 'http://hl7.org/fhir/StructureDefinition/';

/** A vital sign: `vital-signs` category and the R4 vital-signs profile (`profileName`, default the generic one). */
function vital(metric: string, coding: MetricCoding, unitCode: string, profileName: string, more: Partial<MetricDefinition> = {}): MetricDefinition {
  const profile = `${VITAL_PROFILE}${profileName}`;
  return { metric, display: coding.display, codings: [coding], unit: unit(unitCode), category: 'vital-signs', profile, ...more };
}

function projectMetric(metric: string, display: string, unitCode: string, unitDisplay = unitCode): MetricDefinition {
  return { metric, display, codings: [project(metric, display)], unit: unit(unitCode, unitDisplay) };
}

function activity(metric: string, coding: MetricCoding, unitCode: string): MetricDefinition {
  return { metric, display: coding.display, codings: [coding], unit: unit(unitCode), category: 'activity' };
}

/** Every metric the FHIR export knows. */
export const METRICS: readonly MetricDefinition[] = [
  vital('body_weight', loinc('29463-7', 'Body weight'), 'kg', 'bodyweight'),
  vital('body_height', loinc('8302-2', 'Body height'), 'cm', 'bodyheight'),
  vital('bmi', loinc('39156-5', 'Body mass index (BMI) [Ratio]'), 'kg/m2', 'bmi'),
  { metric: 'body_fat_percentage', display: 'Percentage of body fat Measured', codings: [loinc('41982-0', 'Percentage of body fat Measured')], unit: unit('%') },
  vital('blood_pressure', loinc('85354-9', 'Blood pressure panel with all children optional'), 'mm[Hg]', 'bp', {
    components: [
      { key: 'systolic', coding: loinc('8480-6', 'Systolic blood pressure') },
      { key: 'diastolic', coding: loinc('8462-4', 'Diastolic blood pressure') },
    ],
  }),
  vital('heart_rate', loinc('8867-4', 'Heart rate'), '/min', 'heartrate'),
  vital('resting_heart_rate', loinc('40443-4', 'Heart rate --resting'), '/min', 'vitalsigns'),
  vital('respiratory_rate', loinc('9279-1', 'Respiratory rate'), '/min', 'resprate'),
  vital('body_temperature', loinc('8310-5', 'Body temperature'), 'Cel', 'bodytemp'),
  vital('oxygen_saturation', loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'), '%', 'oxygensat', {
    codings: [loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'), loinc('2708-6', 'Oxygen saturation in Arterial blood')],
  }),
  activity('steps', loinc('55423-8', 'Number of steps in unspecified time Pedometer'), '{steps}'),
  activity('sleep_duration', loinc('93832-4', 'Sleep duration'), 's'),
  activity('deep_sleep_duration', loinc('93831-6', 'Deep sleep duration'), 's'),
  activity('light_sleep_duration', loinc('93830-8', 'Light sleep duration'), 's'),
  activity('rem_sleep_duration', loinc('93829-0', 'REM sleep duration'), 's'),
  { metric: 'hrv_sdnn', display: 'R-R interval.standard deviation (Heart rate variability)', codings: [loinc('80404-7', 'R-R interval.standard deviation (Heart rate variability)')], unit: unit('ms') },
  projectMetric('hrv_rmssd', 'Heart rate variability, RMSSD', 'ms'),
  projectMetric('vo2_max', 'VO2 max (estimated)', 'mL/(kg.min)', 'mL/kg/min'),
  projectMetric('readiness_score', 'Readiness score', '{score}', 'score'),
  projectMetric('sleep_score', 'Sleep score', '{score}', 'score'),
  projectMetric('activity_score', 'Activity score', '{score}', 'score'),
  projectMetric('temperature_deviation', 'Skin temperature deviation from baseline', 'K', '°C difference'),
  projectMetric('stress_high_duration', 'Time in high stress', 's'),
  projectMetric('recovery_high_duration', 'Time in high recovery', 's'),
  projectMetric('cardiovascular_age', 'Cardiovascular (vascular) age', 'a', 'years'),
  projectMetric('recovery_score', 'Recovery score', '{score}', 'score'),
  projectMetric('strain', 'Day strain (0-21)', '{score}', 'score'),
  // Skin temperature is measured at the skin, not the core: never body temperature 8310-5.
  projectMetric('skin_temperature', 'Skin temperature', 'Cel', '°C'),
  projectMetric('fat_mass', 'Fat mass', 'kg'),
  projectMetric('fat_free_mass', 'Fat-free mass', 'kg'),
  projectMetric('muscle_mass', 'Muscle mass', 'kg'),
  projectMetric('bone_mass', 'Bone mass', 'kg'),
  projectMetric('body_water_mass', 'Body water (hydration) mass', 'kg'),
  projectMetric('extracellular_water_mass', 'Extracellular water mass', 'kg'),
  projectMetric('intracellular_water_mass', 'Intracellular water mass', 'kg'),
  projectMetric('visceral_fat_index', 'Visceral fat index', '1', 'index'),
  projectMetric('basal_metabolic_rate', 'Basal metabolic rate', 'kcal/d', 'kcal/day'),
  projectMetric('metabolic_age', 'Metabolic age', 'a', 'years'),
  projectMetric('pulse_wave_velocity', 'Pulse wave velocity', 'm/s'),
  projectMetric('ecg_qrs_duration', 'QRS duration (ECG)', 'ms'),
  projectMetric('ecg_pr_interval', 'PR interval (ECG)', 'ms'),
  projectMetric('ecg_qt_interval', 'QT interval (ECG)', 'ms'),
  projectMetric('ecg_qtc_interval', 'Corrected QT interval (ECG)', 'ms'),
];

/** Which provider fields feed which metric, for every provider. */
export const METRIC_SOURCES: readonly MetricSource[] = PROVIDER_MODULES.flatMap((module) => module.fhirSources);

/** The definition of a metric name (throws on a table inconsistency, which a test pins). */
export function metricDefinition(metric: string): MetricDefinition {
  const definition = METRICS.find((candidate) => candidate.metric === metric);
  if (!definition) throw new Error(`No FHIR metric definition for "${metric}".`);
  return definition;
}

/** The sources of one provider resource (empty when it has no FHIR mapping). */
export function sourcesFor(provider: ProviderId, resource: string, sources: readonly MetricSource[] = METRIC_SOURCES): MetricSource[] {
  return sources.filter((source) => source.provider === provider && source.resource === resource);
}

/** Metrics matching a metric name or any of its codes (`8867-4`, `hrv_rmssd`, `http://loinc.org|8867-4`). */
export function findMetrics(query: string): MetricDefinition[] {
  const needle = query.trim().toLowerCase();
  return METRICS.filter(
    (definition) =>
      definition.metric === needle ||
      definition.codings.some((coding) => coding.code.toLowerCase() === needle || `${coding.system}|${coding.code}`.toLowerCase() === needle),
  );
}

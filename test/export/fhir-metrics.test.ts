/**
 * Pins every FHIR code mapping (metric → system, code, unit) and checks that every source names a
 * resource its provider declares and a canonical field the real normalizer produces.
 */
import { expect, it } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import { LOINC, PROJECT_METRIC_SYSTEM } from '../../src/export/fhir/code-systems.js';
import { WITHINGS_MAPPINGS } from '../../src/providers/withings/day-view.js';
import { findMetrics, METRIC_SOURCES, METRICS, type MetricSource } from '../../src/export/fhir/metrics.js';
import { MEASURE_TYPES } from '../../src/providers/withings/measure-types.js';
import { OURA_RESOURCES } from '../../src/providers/oura/resources.js';
import { ouraRecords } from './seed.js';

const P = PROJECT_METRIC_SYSTEM;

/** metric → [system, code, UCUM unit, category]. Changing a line here must be a deliberate decision. */
const PINNED: Record<string, [string, string, string, string | null]> = {
  body_weight: [LOINC, '29463-7', 'kg', 'vital-signs'],
  body_height: [LOINC, '8302-2', 'cm', 'vital-signs'],
  bmi: [LOINC, '39156-5', 'kg/m2', 'vital-signs'],
  body_fat_percentage: [LOINC, '41982-0', '%', null],
  blood_pressure: [LOINC, '85354-9', 'mm[Hg]', 'vital-signs'],
  heart_rate: [LOINC, '8867-4', '/min', 'vital-signs'],
  resting_heart_rate: [LOINC, '40443-4', '/min', 'vital-signs'],
  respiratory_rate: [LOINC, '9279-1', '/min', 'vital-signs'],
  body_temperature: [LOINC, '8310-5', 'Cel', 'vital-signs'],
  oxygen_saturation: [LOINC, '59408-5', '%', 'vital-signs'],
  steps: [LOINC, '55423-8', '{steps}', 'activity'],
  sleep_duration: [LOINC, '93832-4', 's', 'activity'],
  deep_sleep_duration: [LOINC, '93831-6', 's', 'activity'],
  light_sleep_duration: [LOINC, '93830-8', 's', 'activity'],
  rem_sleep_duration: [LOINC, '93829-0', 's', 'activity'],
  hrv_sdnn: [LOINC, '80404-7', 'ms', null],
  hrv_rmssd: [P, 'hrv_rmssd', 'ms', null],
  vo2_max: [P, 'vo2_max', 'mL/(kg.min)', null],
  readiness_score: [P, 'readiness_score', '{score}', null],
  sleep_score: [P, 'sleep_score', '{score}', null],
  activity_score: [P, 'activity_score', '{score}', null],
  temperature_deviation: [P, 'temperature_deviation', 'K', null],
  stress_high_duration: [P, 'stress_high_duration', 's', null],
  recovery_high_duration: [P, 'recovery_high_duration', 's', null],
  cardiovascular_age: [P, 'cardiovascular_age', 'a', null],
  recovery_score: [P, 'recovery_score', '{score}', null],
  strain: [P, 'strain', '{score}', null],
  skin_temperature: [P, 'skin_temperature', 'Cel', null],
  fat_mass: [P, 'fat_mass', 'kg', null],
  fat_free_mass: [P, 'fat_free_mass', 'kg', null],
  muscle_mass: [P, 'muscle_mass', 'kg', null],
  bone_mass: [P, 'bone_mass', 'kg', null],
  body_water_mass: [P, 'body_water_mass', 'kg', null],
  extracellular_water_mass: [P, 'extracellular_water_mass', 'kg', null],
  intracellular_water_mass: [P, 'intracellular_water_mass', 'kg', null],
  visceral_fat_index: [P, 'visceral_fat_index', '1', null],
  basal_metabolic_rate: [P, 'basal_metabolic_rate', 'kcal/d', null],
  metabolic_age: [P, 'metabolic_age', 'a', null],
  pulse_wave_velocity: [P, 'pulse_wave_velocity', 'm/s', null],
  ecg_qrs_duration: [P, 'ecg_qrs_duration', 'ms', null],
  ecg_pr_interval: [P, 'ecg_pr_interval', 'ms', null],
  ecg_qt_interval: [P, 'ecg_qt_interval', 'ms', null],
  ecg_qtc_interval: [P, 'ecg_qtc_interval', 'ms', null],
};

/**
 * Withings `meastype` → metric (and component). Seed 004 had 11 as diastolic and 12 as heart
 * rate; Withings' table says 9 diastolic, 10 systolic, 11 heart pulse, 12 temperature.
 */
const WITHINGS_TYPES: Record<number, string> = {
  1: 'body_weight',
  4: 'body_height',
  5: 'fat_free_mass',
  6: 'body_fat_percentage',
  8: 'fat_mass',
  9: 'blood_pressure.diastolic',
  10: 'blood_pressure.systolic',
  11: 'heart_rate',
  12: 'body_temperature',
  54: 'oxygen_saturation',
  71: 'body_temperature',
  73: 'skin_temperature',
  76: 'muscle_mass',
  77: 'body_water_mass',
  88: 'bone_mass',
  91: 'pulse_wave_velocity',
  123: 'vo2_max',
  135: 'ecg_qrs_duration',
  136: 'ecg_pr_interval',
  137: 'ecg_qt_interval',
  138: 'ecg_qtc_interval',
  155: 'cardiovascular_age',
  168: 'extracellular_water_mass',
  169: 'intracellular_water_mass',
  170: 'visceral_fat_index',
  226: 'basal_metabolic_rate',
  227: 'metabolic_age',
};

const fieldsOf = (source: MetricSource): string[] => (typeof source.field === 'string' ? [source.field] : [...(source.field ?? [])]);

describe('FHIR metric table', () => {
  it('maps every metric to exactly the pinned system, code, unit and category', () => {
    const actual = Object.fromEntries(
      METRICS.map((definition) => [definition.metric, [definition.codings[0]?.system, definition.codings[0]?.code, definition.unit.code, definition.category ?? null]]),
    );
    expect(actual).toEqual(PINNED);
  });

  it('pins the secondary codings and the blood-pressure components', () => {
    const extra = METRICS.filter((definition) => definition.codings.length > 1).map((definition) => [definition.metric, definition.codings.map((coding) => coding.code)]);
    expect(extra).toEqual([['oxygen_saturation', ['59408-5', '2708-6']]]);
    const bp = METRICS.find((definition) => definition.metric === 'blood_pressure');
    expect(bp?.components?.map((component) => [component.key, component.coding.system, component.coding.code])).toEqual([
      ['systolic', LOINC, '8480-6'],
      ['diastolic', LOINC, '8462-4'],
    ]);
  });

  it('never labels RMSSD with the SDNN LOINC code, and no LOINC code is used twice', () => {
    const hrvSources = METRIC_SOURCES.filter((source) => fieldsOf(source).some((field) => /hrv|rmssd|sdnn/i.test(field)));
    const rmssdSources = hrvSources.filter((source) => !fieldsOf(source).some((field) => /sdnn/i.test(field)));
    expect(new Set(rmssdSources.map((source) => source.provider))).toEqual(new Set(['oura', 'whoop']));
    for (const source of rmssdSources) expect(source.metric).toBe('hrv_rmssd');
    // SDNN (a phone's or watch's HRV) is the one thing 80404-7 may carry.
    for (const source of METRIC_SOURCES.filter((candidate) => candidate.metric === 'hrv_sdnn')) expect(fieldsOf(source).every((field) => /sdnn/i.test(field))).toBe(true);
    const loincCodes = METRICS.flatMap((definition) => definition.codings.filter((coding) => coding.system === LOINC).map((coding) => coding.code));
    expect(new Set(loincCodes).size).toBe(loincCodes.length);
  });

  it('every Oura source names a declared resource and a field the normalizer produces', () => {
    const fields = new Map<string, Set<string>>();
    for (const record of ouraRecords()) fields.set(record.resource, new Set([...(fields.get(record.resource) ?? []), ...Object.keys(record.data)]));
    for (const source of METRIC_SOURCES.filter((candidate) => candidate.provider === 'oura')) {
      expect(METRICS.some((definition) => definition.metric === source.metric), source.metric).toBe(true);
      const spec = OURA_RESOURCES.find((resource) => resource.name === source.resource);
      expect(spec, source.resource).toBeDefined();
      if (spec?.kind === 'series') expect(source.field).toBeUndefined();
      else expect([...(fields.get(source.resource) ?? [])], `${source.resource}.${String(source.field)}`).toContain(source.field);
    }
  });

  it('maps each Withings measure type to its metric (9 diastolic, 10 systolic, 11 heart pulse, 12 and 71 temperature)', () => {
    const measures = METRIC_SOURCES.filter((source) => source.provider === 'withings' && source.resource === 'measures');
    const byType: Record<number, string> = {};
    for (const source of measures) {
      const entries = source.componentFields ? Object.entries(source.componentFields).map(([key, field]) => [`${source.metric}.${key}`, field] as const) : fieldsOf(source).map((field) => [source.metric, field] as const);
      for (const [metric, field] of entries) {
        const type = MEASURE_TYPES.find((entry) => entry.key === field);
        expect(type, `${metric} reads ${field}, which no Withings measure type decodes to`).toBeDefined();
        if (type) byType[type.type] = metric;
      }
    }
    expect(byType).toEqual(WITHINGS_TYPES);
    // Height arrives in metres; the Observation is in centimetres.
    expect(measures.find((source) => source.metric === 'body_height')?.scale).toBe(100);
    // Goals and guest weigh-ins are skipped by the day view's own rule object.
    const dayViewRules = WITHINGS_MAPPINGS.find((mapping) => mapping.resource === 'measures')?.skipWhen;
    for (const source of measures) expect(source.skipWhen).toBe(dayViewRules);
  });

  it('WHOOP sources read only SCORED records; skin temperature is never body temperature', () => {
    const whoop = METRIC_SOURCES.filter((source) => source.provider === 'whoop' && source.resource !== 'body_measurement');
    expect(whoop.length).toBeGreaterThan(8);
    for (const source of whoop) expect(source.onlyWhen, source.metric).toEqual([{ field: 'score_state', equals: 'SCORED' }]);
    const skin = METRIC_SOURCES.filter((source) => fieldsOf(source).some((field) => /skin_temp/.test(field)));
    expect(skin.map((source) => [source.provider, source.metric])).toEqual([
      ['whoop', 'skin_temperature'],
      ['withings', 'skin_temperature'],
    ]);
  });

  it('finds metrics by name, bare code or system|code', () => {
    expect(findMetrics('8867-4').map((definition) => definition.metric)).toEqual(['heart_rate']);
    expect(findMetrics('http://loinc.org|2708-6').map((definition) => definition.metric)).toEqual(['oxygen_saturation']);
    expect(findMetrics(' HRV_RMSSD ').map((definition) => definition.metric)).toEqual(['hrv_rmssd']);
    expect(findMetrics('80404-7').map((definition) => definition.metric)).toEqual(['hrv_sdnn']);
  });
});

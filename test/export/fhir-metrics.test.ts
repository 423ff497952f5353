/**
 * Pins every FHIR code mapping (metric → system, code, unit) and checks that every source names a
 * resource its provider declares and a canonical field the real normalizer produces.
 */
import { describe, expect, it } from 'vitest';
import { LOINC, PROJECT_METRIC_SYSTEM } from '../../src/export/fhir/code-systems.js';
import { findMetrics, METRIC_SOURCES, METRICS } from '../../src/export/fhir/metrics.js';
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
};

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
    const rmssdSources = METRIC_SOURCES.filter((source) => /hrv|rmssd/i.test(source.field ?? ''));
    expect(rmssdSources.length).toBeGreaterThan(0);
    for (const source of rmssdSources) expect(source.metric).toBe('hrv_rmssd');
    expect(METRIC_SOURCES.filter((source) => source.metric === 'hrv_sdnn')).toEqual([]);
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
      else expect([...(fields.get(source.resource) ?? [])], `${source.resource}.${source.field}`).toContain(source.field);
    }
  });

  it('finds metrics by name, bare code or system|code', () => {
    expect(findMetrics('8867-4').map((definition) => definition.metric)).toEqual(['heart_rate']);
    expect(findMetrics('http://loinc.org|2708-6').map((definition) => definition.metric)).toEqual(['oxygen_saturation']);
    expect(findMetrics(' HRV_RMSSD ').map((definition) => definition.metric)).toEqual(['hrv_rmssd']);
    expect(findMetrics('80404-7').map((definition) => definition.metric)).toEqual(['hrv_sdnn']);
  });
});

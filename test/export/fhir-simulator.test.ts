/**
 * FHIR export of a store synced over HTTP from the simulator for Oura, WHOOP and Withings: every
 * Observation validates (@medplum/core, R4 and its vital-signs profile), values match the raw
 * provider payloads, guest weigh-ins, goals and unscored WHOOP records give none, and
 * `get_observations` answers Withings weight and blood pressure with date and source.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/core/types.js';
import { exportData } from '../../src/export/export-data.js';
import { LOINC, PROJECT_METRIC_SYSTEM } from '../../src/export/fhir/code-systems.js';
import { METRIC_SOURCES } from '../../src/export/fhir/metrics.js';
import type { Observation } from '../../src/export/fhir/observation.js';
import { getObservations } from '../../src/mcp/tools/core/get-observations.js';
import type { ToolContext } from '../../src/mcp/tools/define-tool.js';
import type { StoredRecord } from '../../src/store/store.js';
import { loadR4, profileCheckable, validationErrors } from './fhir-validator.js';
import { SIM_PROVIDERS, syncedFromSimulator, type SimulatedStore } from './simulated-store.js';

interface Bundle {
  resourceType: 'Bundle';
  entry?: Array<{ fullUrl: string; resource: Observation }>;
}

let s: SimulatedStore;
let bundles: Record<string, Bundle>;
let all: Observation[];

beforeAll(async () => {
  loadR4();
  // Seed 3 over 30 days: sign-up height and weight goal, three guest weigh-ins, unscored WHOOP records.
  // Oura's heart-rate series (7,000+ samples here, slow to validate one by one) is left out: its
  // observations are validated in fhir-export.test.ts.
  s = await syncedFromSimulator({ seed: 3, days: 30, skipResources: ['oura/heartrate'] });
  const out = join(s.dir, 'fhir');
  for (const provider of SIM_PROVIDERS) {
    await exportData({ store: s.app.store, providers: s.app.providers, kind: 'all', provider, format: 'fhir', out: join(out, provider), now: () => new Date('2025-06-15T12:00:00Z') });
  }
  bundles = {};
  for (const provider of SIM_PROVIDERS) {
    for (const name of readdirSync(join(out, provider))) bundles[name] = JSON.parse(readFileSync(join(out, provider, name), 'utf8')) as Bundle;
  }
  all = Object.values(bundles).flatMap((bundle) => (bundle.entry ?? []).map((entry) => entry.resource));
}, 120_000);
afterAll(async () => s?.close());

/** `provider/resource/id/metric` of an observation. */
const key = (observation: Observation): string => observation.identifier[0]?.value ?? '';
const of = (provider: ProviderId, resource: string, metric: string): Observation[] => all.filter((observation) => key(observation).startsWith(`${provider}/${resource}/`) && key(observation).endsWith(`/${metric}`));
const recordIdOf = (observation: Observation): string => key(observation).split('/')[2] ?? '';
const records = (provider: ProviderId, resource: string): Promise<StoredRecord[]> => s.app.store.queryRecords({ provider, resource });

/** The decoded value of Withings measure `type` in a stored group's raw payload. */
function rawMeasure(record: StoredRecord | undefined, type: number): number | undefined {
  const measures = (record?.raw as { measures?: Array<{ type: number; value: number; unit: number }> } | undefined)?.measures ?? [];
  const measure = measures.find((candidate) => candidate.type === type);
  return measure ? Number((measure.value * 10 ** measure.unit).toFixed(6)) : undefined;
}

describe('FHIR export of the three simulated providers', () => {
  it('every Bundle and every Observation validates against R4 (and its vital-signs profile where checkable)', () => {
    for (const [name, bundle] of Object.entries(bundles)) expect({ name, errors: validationErrors(bundle as unknown as Record<string, unknown>) }).toEqual({ name, errors: [] });
    const bySource = new Map<string, number>();
    for (const observation of all) bySource.set(observation.meta.source, (bySource.get(observation.meta.source) ?? 0) + 1);
    expect([...bySource.keys()].map((uri) => uri.split('/').at(-1)).sort()).toEqual(['oura', 'whoop', 'withings']);
    const failures = all
      .map((observation) => observation as unknown as Record<string, unknown>)
      .map((observation) => ({ id: observation.id, errors: validationErrors(observation, { profiles: profileCheckable(observation) }) }))
      .filter((result) => result.errors.length > 0);
    expect(failures).toEqual([]);
    expect(new Set(all.map((observation) => observation.id)).size).toBe(all.length);
  });

  it('every WHOOP and Withings source yields observations, except measures this person never takes', () => {
    const silent = METRIC_SOURCES.filter((source) => (source.provider === 'whoop' || source.provider === 'withings') && of(source.provider, source.resource, source.metric).length === 0).map((source) => `${source.provider}/${source.resource}/${source.metric}`);
    // The simulated Withings devices record no core temperature, water compartments, visceral fat, BMR, metabolic or vascular age.
    expect(silent.sort()).toEqual(
      ['basal_metabolic_rate', 'body_temperature', 'cardiovascular_age', 'extracellular_water_mass', 'intracellular_water_mass', 'metabolic_age', 'visceral_fat_index'].map((metric) => `withings/measures/${metric}`),
    );
  });

  it('Withings blood pressure pairs type 10 (systolic) and type 9 (diastolic) of one group; type 11 is heart rate', async () => {
    const groups = new Map((await records('withings', 'measures')).map((record) => [record.id, record]));
    const panels = of('withings', 'measures', 'blood_pressure');
    expect(panels.length).toBeGreaterThan(3);
    for (const panel of panels) {
      const group = groups.get(recordIdOf(panel));
      expect(panel.code.coding[0]).toMatchObject({ system: LOINC, code: '85354-9' });
      expect(panel.component?.map((component) => [component.code.coding[0]?.code, component.valueQuantity.value, component.valueQuantity.code])).toEqual([
        ['8480-6', rawMeasure(group, 10), 'mm[Hg]'],
        ['8462-4', rawMeasure(group, 9), 'mm[Hg]'],
      ]);
      expect(panel.device).toEqual({ display: 'Withings BPM Core' });
      expect(panel.effectiveDateTime).toBe(group?.start);
      const [pulse] = all.filter((observation) => key(observation) === `withings/measures/${recordIdOf(panel)}/heart_rate`);
      expect(pulse).toMatchObject({ code: { coding: [{ system: LOINC, code: '8867-4' }] }, valueQuantity: { value: rawMeasure(group, 11), code: '/min' } });
    }
    const withPressure = [...groups.values()].filter((group) => rawMeasure(group, 10) !== undefined);
    expect(panels).toHaveLength(withPressure.length);
  });

  it('Withings height is converted from metres to centimetres; weight, fat ratio and SpO2 keep their raw values', async () => {
    const groups = new Map((await records('withings', 'measures')).map((record) => [record.id, record]));
    const [height] = of('withings', 'measures', 'body_height');
    expect(height?.valueQuantity).toMatchObject({ code: 'cm', value: Math.round((rawMeasure(groups.get(recordIdOf(height as Observation)), 4) ?? 0) * 100 * 1e6) / 1e6 });
    expect(height?.valueQuantity?.value).toBeGreaterThan(140);
    for (const [metric, type, code] of [['body_weight', 1, '29463-7'], ['body_fat_percentage', 6, '41982-0'], ['oxygen_saturation', 54, '59408-5']] as const) {
      const observations = of('withings', 'measures', metric);
      expect(observations.length, metric).toBeGreaterThan(0);
      for (const observation of observations) {
        expect(observation.code.coding[0]?.code).toBe(code);
        expect(observation.valueQuantity?.value).toBe(rawMeasure(groups.get(recordIdOf(observation)), type));
      }
    }
  });

  it('weight goals and guest weigh-ins on the scale give no observation', async () => {
    const skipped = (await records('withings', 'measures')).filter((record) => record.data.category === 'goal' || record.data.attribution === 'ambiguous');
    expect(skipped.map((record) => `${String(record.data.category)}/${String(record.data.attribution)}`).sort()).toEqual(['goal/manual', 'measurement/ambiguous', 'measurement/ambiguous', 'measurement/ambiguous']);
    const ids = new Set(skipped.map((record) => record.id));
    expect(all.filter((observation) => key(observation).startsWith('withings/measures/') && ids.has(recordIdOf(observation)))).toEqual([]);
  });

  it('WHOOP: only SCORED records, RMSSD and skin temperature under project codes, resting HR 40443-4', async () => {
    for (const resource of ['recovery', 'sleep', 'cycle']) {
      const unscored = (await records('whoop', resource)).filter((record) => record.data.score_state !== 'SCORED').map((record) => record.id);
      expect(unscored.length, resource).toBeGreaterThan(0);
      expect(all.filter((observation) => key(observation).startsWith(`whoop/${resource}/`) && unscored.includes(recordIdOf(observation)))).toEqual([]);
    }
    const recoveries = new Map((await records('whoop', 'recovery')).map((record) => [record.id, record]));
    const [hrv] = of('whoop', 'recovery', 'hrv_rmssd');
    expect(hrv?.code.coding).toEqual([{ system: PROJECT_METRIC_SYSTEM, code: 'hrv_rmssd', display: 'Heart rate variability, RMSSD' }]);
    const recovery = recoveries.get(recordIdOf(hrv as Observation))?.raw as { score: { hrv_rmssd_milli: number; resting_heart_rate: number; skin_temp_celsius: number } };
    expect(hrv?.valueQuantity?.value).toBeCloseTo(recovery.score.hrv_rmssd_milli, 1);
    const rhr = all.find((observation) => key(observation) === `whoop/recovery/${recordIdOf(hrv as Observation)}/resting_heart_rate`);
    expect(rhr).toMatchObject({ code: { coding: [{ system: LOINC, code: '40443-4' }] }, valueQuantity: { value: Math.round(recovery.score.resting_heart_rate), code: '/min' } });
    const skin = all.find((observation) => key(observation) === `whoop/recovery/${recordIdOf(hrv as Observation)}/skin_temperature`);
    expect(skin).toMatchObject({ code: { coding: [{ system: PROJECT_METRIC_SYSTEM, code: 'skin_temperature' }] }, valueQuantity: { code: 'Cel' } });
    expect(skin?.valueQuantity?.value).toBeCloseTo(recovery.score.skin_temp_celsius, 1);
    const whoopCodes = new Set(all.filter((observation) => observation.meta.source.endsWith('/whoop')).flatMap((observation) => observation.code.coding.map((coding) => coding.code)));
    expect([...whoopCodes].filter((code) => code === '8310-5' || code === '80404-7')).toEqual([]);
    const [night] = of('whoop', 'sleep', 'sleep_duration');
    expect(night).toMatchObject({ code: { coding: [{ code: '93832-4' }] }, effectivePeriod: { start: expect.any(String), end: expect.any(String) }, device: { display: 'WHOOP' } });
  });
});

describe('get_observations over the synced store', () => {
  const context = (): ToolContext => ({ app: s.app, progress: () => undefined, signal: new AbortController().signal });

  it('body_weight from Withings: the user own weigh-ins with date and source, no guest', async () => {
    const answer = await getObservations.handle(getObservations.input.parse({ metric: 'body_weight', provider: 'withings', limit: 500 }), context());
    const groups = (await records('withings', 'measures')).filter((record) => rawMeasure(record, 1) !== undefined && record.data.category !== 'goal' && record.data.attribution !== 'ambiguous');
    expect(answer.metrics[0]).toMatchObject({ metric: 'body_weight', system: LOINC, code: '29463-7', unit: 'kg' });
    expect(answer.observations).toHaveLength(groups.length);
    expect(answer.observations).toEqual(
      expect.arrayContaining(groups.map((group) => ({ metric: 'body_weight', date: group.start, value: rawMeasure(group, 1), unit: 'kg', source: `withings/measures/${group.id}` }))),
    );
  });

  it('blood pressure by its panel code: systolic and diastolic with date and source', async () => {
    const answer = await getObservations.handle(getObservations.input.parse({ metric: '85354-9', limit: 500 }), context());
    const groups = (await records('withings', 'measures')).filter((record) => rawMeasure(record, 10) !== undefined);
    expect(answer.observations.length).toBe(groups.length);
    const [first] = groups;
    expect(answer.observations).toContainEqual({ metric: 'blood_pressure', date: first?.start, value: { systolic: rawMeasure(first, 10), diastolic: rawMeasure(first, 9) }, unit: 'mm[Hg]', source: `withings/measures/${first?.id}` });
  });
});

/** FHIR R4 Bundle export and the observation query, validated by @medplum/core against R4. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import { exportData } from '../../src/export/export-data.js';
import { PROJECT_METRIC_SYSTEM } from '../../src/export/fhir/code-systems.js';
import { sourcesFor, METRIC_SOURCES } from '../../src/export/fhir/metrics.js';
import { observationFromRecord, type Observation } from '../../src/export/fhir/observation.js';
import { compactObservation, queryObservations } from '../../src/export/fhir/query-observations.js';
import type { StoredRecord } from '../../src/store/store.js';
import { loadR4, profileCheckable, validationErrors } from './fhir-validator.js';
import { PLUG_IN_ID, plugInProvider } from './plug-in-provider.js';
import { HR_COUNT, seedStore, type Seeded } from './seed.js';

interface Bundle {
  resourceType: 'Bundle';
  type: string;
  entry?: Array<{ fullUrl: string; resource: Observation }>;
}

let seeded: Seeded;
let bundles: Record<string, Bundle>;
const NOW = new Date('2025-01-02T03:04:05.000Z');

async function exportAll(out: string): Promise<Record<string, Bundle>> {
  await exportData({ store: seeded.store, providers: seeded.providers, kind: 'all', provider: 'oura', format: 'fhir', out, now: () => NOW });
  return Object.fromEntries(readdirSync(out).map((name) => [name, JSON.parse(readFileSync(join(out, name), 'utf8')) as Bundle]));
}

const observations = (): Observation[] => Object.values(bundles).flatMap((bundle) => (bundle.entry ?? []).map((entry) => entry.resource));
const find = (metric: string, recordId?: string): Observation[] =>
  observations().filter((observation) => observation.identifier[0]?.value.endsWith(`/${metric}`) && (!recordId || observation.identifier[0]?.value.includes(`/${recordId}/`)));

beforeAll(async () => {
  loadR4();
  seeded = await seedStore();
  bundles = await exportAll(join(seeded.dir, 'fhir'));
});
afterAll(async () => seeded.cleanup());

describe('FHIR Bundle export', () => {
  it('writes one collection Bundle per mapped resource and skips unmapped ones', () => {
    const mapped = [...new Set(METRIC_SOURCES.filter((source) => source.provider === 'oura').map((source) => `oura-${source.resource}.fhir.json`))].sort();
    expect(Object.keys(bundles).sort()).toEqual(mapped);
    for (const bundle of Object.values(bundles)) expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: NOW.toISOString() });
  });

  it('every Bundle and every Observation validates against FHIR R4 and its declared vital-signs profile', () => {
    for (const [name, bundle] of Object.entries(bundles)) expect({ name, errors: validationErrors(bundle as unknown as Record<string, unknown>) }).toEqual({ name, errors: [] });
    const all = observations();
    expect(all.length).toBeGreaterThan(HR_COUNT);
    const failures = all
      .map((observation) => observation as unknown as Record<string, unknown>)
      .map((observation) => ({ id: observation.id, errors: validationErrors(observation, { profiles: profileCheckable(observation) }) }))
      .filter((result) => result.errors.length > 0);
    expect(failures).toEqual([]);
    const profiled = all.filter((observation) => observation.meta.profile && profileCheckable(observation as unknown as Record<string, unknown>));
    expect(new Set(profiled.flatMap((observation) => observation.meta.profile ?? []))).toEqual(
      new Set(['heartrate', 'oxygensat', 'bodyweight', 'bodyheight'].map((name) => `http://hl7.org/fhir/StructureDefinition/${name}`)),
    );
    expect(new Set(all.map((observation) => observation.id)).size).toBe(all.length);
  });

  it('the validator rejects a broken Observation (so the check above can fail)', () => {
    const [valid] = find('heart_rate');
    expect(valid).toBeDefined();
    const broken = structuredClone(valid) as unknown as Record<string, unknown>;
    delete broken.status;
    (broken.valueQuantity as Record<string, unknown>).value = '61';
    expect(validationErrors(broken).join(' ')).toMatch(/Missing required property.*status|expected number/);
    const wrongCode = structuredClone(valid) as unknown as Observation;
    wrongCode.code.coding = [{ system: 'http://loinc.org', code: '80404-7', display: 'wrong' }];
    expect(validationErrors(wrongCode as unknown as Record<string, unknown>).join(' ')).toMatch(/HeartRateCode/);
  });

  it('maps the recorded sleep night with codes, UCUM units and its period', () => {
    const night = '96e7772a-64a7-4342-9c5f-3e5ed9e64d6d';
    const period = { start: '2024-10-10T01:01:59+02:00', end: '2024-10-10T09:04:12+02:00' };
    const [duration] = find('sleep_duration', night);
    expect(duration).toMatchObject({ code: { coding: [{ system: 'http://loinc.org', code: '93832-4' }] }, valueQuantity: { value: 23220, code: 's', system: 'http://unitsofmeasure.org' }, effectivePeriod: period });
    const [hrv] = find('hrv_rmssd', night);
    expect(hrv?.code.coding).toEqual([{ system: PROJECT_METRIC_SYSTEM, code: 'hrv_rmssd', display: 'Heart rate variability, RMSSD' }]);
    expect(hrv?.valueQuantity).toMatchObject({ value: 38, code: 'ms' });
    expect(find('resting_heart_rate', night)[0]).toMatchObject({ valueQuantity: { value: 60, code: '/min' }, category: [{ coding: [{ code: 'vital-signs' }] }] });
    expect(find('respiratory_rate', night)[0]).toMatchObject({ valueQuantity: { value: 14.5, code: '/min' }, meta: { profile: ['http://hl7.org/fhir/StructureDefinition/resprate'] } });
    expect(duration?.device).toEqual({ display: 'Oura' });
    expect(duration?.meta.source).toBe('https://github.com/wearables-mcp/wearables-mcp/fhir/source/oura');
  });

  it('maps day documents, the profile snapshot and heart-rate samples', () => {
    expect(find('steps')[0]).toMatchObject({ effectiveDateTime: '2024-11-11', valueQuantity: { value: 15185, code: '{steps}' }, category: [{ coding: [{ code: 'activity' }] }] });
    expect(find('oxygen_saturation')[0]).toMatchObject({
      effectiveDateTime: '2024-11-11',
      valueQuantity: { value: 98.072, code: '%' },
      code: { coding: [{ code: '59408-5' }, { code: '2708-6' }] },
    });
    expect(find('temperature_deviation')[0]?.valueQuantity).toMatchObject({ value: 0.1, code: 'K' });
    expect(find('body_height')[0]?.valueQuantity).toMatchObject({ value: 180, code: 'cm' });
    expect(find('body_weight')[0]?.valueQuantity).toMatchObject({ value: 72.5, code: 'kg' });
    const heartRates = find('heart_rate');
    expect(heartRates).toHaveLength(HR_COUNT + 3);
    expect(heartRates.at(-1)).toMatchObject({ effectiveDateTime: '2024-12-13T12:31:39.000Z', valueQuantity: { value: 94, code: '/min' } });
  });

  it('re-exports are idempotent: same ids and same resources', async () => {
    const again = await exportAll(join(seeded.dir, 'fhir-again'));
    expect(again).toEqual(bundles);
  });

  it('an empty window writes a valid Bundle without entries', async () => {
    const out = join(seeded.dir, 'empty.fhir.json');
    const [written] = (await exportData({ store: seeded.store, providers: seeded.providers, kind: 'sleep', format: 'fhir', out, start: '2030-01-01' })).files;
    expect(written?.rows).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(bundle.entry).toBeUndefined();
    expect(validationErrors(bundle)).toEqual([]);
  });

  it('a blood-pressure source (a later provider) becomes a valid bp panel with components', () => {
    const record = { provider: PLUG_IN_ID, resource: 'cycle', id: 'bp-1', day: '2024-05-01', start: '2024-05-01T08:00:00+02:00', end: null, tzOffset: '+02:00', updatedAt: null, data: { systolic_mmhg: 121, diastolic_mmhg: 79 }, raw: {}, storedAt: NOW.toISOString(), contentHash: 'x' } satisfies StoredRecord;
    const source = { metric: 'blood_pressure', provider: PLUG_IN_ID, resource: 'cycle', componentFields: { systolic: 'systolic_mmhg', diastolic: 'diastolic_mmhg' } };
    const observation = observationFromRecord(plugInProvider, source, record);
    expect(observation?.component?.map((component) => [component.code.coding[0]?.code, component.valueQuantity.value, component.valueQuantity.code])).toEqual([
      ['8480-6', 121, 'mm[Hg]'],
      ['8462-4', 79, 'mm[Hg]'],
    ]);
    expect(observation?.meta.profile).toEqual(['http://hl7.org/fhir/StructureDefinition/bp']);
    expect(validationErrors(observation as unknown as Record<string, unknown>, { profiles: false })).toEqual([]);
    expect(compactObservation(observation as Observation)).toEqual({ metric: 'blood_pressure', date: '2024-05-01T08:00:00+02:00', value: { systolic: 121, diastolic: 79 }, unit: 'mm[Hg]', source: `${PLUG_IN_ID}/cycle/bp-1` });
    expect(sourcesFor(PLUG_IN_ID, 'cycle')).toEqual([]);
    expect(sourcesFor('whoop', 'cycle').map((source) => source.metric)).toEqual(['strain']);
  });
});

describe('validator limitations (pinned, so we notice when @medplum/core fixes them)', () => {
  const category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];
  const quantity = (value: number, code: string) => ({ value, unit: code, system: 'http://unitsofmeasure.org', code });

  it('rejects the HL7 spec blood-pressure example shape against the bp profile', () => {
    const example = {
      resourceType: 'Observation',
      status: 'final',
      category,
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { display: 'x' },
      effectiveDateTime: '2012-09-17',
      meta: { profile: ['http://hl7.org/fhir/StructureDefinition/bp'] },
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: quantity(107, 'mm[Hg]') },
        { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: quantity(60, 'mm[Hg]') },
      ],
    };
    expect(validationErrors(example, { profiles: false })).toEqual([]);
    expect(validationErrors(example).join(' ')).toMatch(/slice 'SystolicBP'/);
  });

  it('rejects effectivePeriod under invariant vs-1', () => {
    const overNight = {
      resourceType: 'Observation',
      status: 'final',
      category,
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { display: 'x' },
      effectivePeriod: { start: '2012-09-17T01:00:00Z', end: '2012-09-17T02:00:00Z' },
      meta: { profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'] },
      valueQuantity: quantity(60, '/min'),
    };
    expect(validationErrors(overNight, { profiles: false })).toEqual([]);
    expect(validationErrors(overNight).join(' ')).toMatch(/vs-1/);
  });
});

describe('queryObservations', () => {
  it('finds a metric by name, compact by default', async () => {
    const answer = await queryObservations({ store: seeded.store, providers: seeded.providers, metric: 'hrv_rmssd', start: '2024-10-10', end: '2024-10-12', limit: 10 });
    expect(answer.metrics).toEqual([{ metric: 'hrv_rmssd', display: 'Heart rate variability, RMSSD', system: PROJECT_METRIC_SYSTEM, code: 'hrv_rmssd', unit: 'ms' }]);
    expect(answer.observations.map(compactObservation)).toEqual([
      { metric: 'hrv_rmssd', date: '2024-10-10T01:01:59+02:00', end: '2024-10-10T09:04:12+02:00', value: 38, unit: 'ms', source: 'oura/sleep/96e7772a-64a7-4342-9c5f-3e5ed9e64d6d' },
      { metric: 'hrv_rmssd', date: '2024-10-11T01:01:59+02:00', end: '2024-10-11T09:04:12+02:00', value: 38, unit: 'ms', source: 'oura/sleep/extra-night-1' },
      { metric: 'hrv_rmssd', date: '2024-10-12T01:01:59+02:00', end: '2024-10-12T09:04:12+02:00', value: 38, unit: 'ms', source: 'oura/sleep/extra-night-2' },
    ]);
    expect(answer.nextOffset).toBeNull();
  });

  it('finds a metric by LOINC code and pages with offset', async () => {
    const query = { store: seeded.store, providers: seeded.providers, metric: 'http://loinc.org|8867-4', start: '2024-11-11', end: '2024-11-11', limit: 50 };
    const first = await queryObservations(query);
    expect(first.observations).toHaveLength(50);
    expect(first.nextOffset).toBe(50);
    const second = await queryObservations({ ...query, offset: 50 });
    expect(second.observations[0]?.valueQuantity?.value).toBe(60 + (50 % 40));
    const last = await queryObservations({ ...query, offset: HR_COUNT - 10 });
    expect([last.observations.length, last.nextOffset]).toEqual([10, null]);
  });

  it('rejects an unknown metric with the list of valid ones', async () => {
    await expect(queryObservations({ store: seeded.store, providers: seeded.providers, metric: 'mood', limit: 5 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      hint: expect.stringContaining('hrv_rmssd'),
    });
  });
});

/**
 * Replay of every recorded `getmeas` answer (and the bare `measuregrps` fragments, served in their
 * envelope) through the real client, normalizer and store. Expected values are `value × 10^unit`
 * worked out by hand from the files; unknown types, attributions and positions are kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredRecord } from '../../src/store/store.js';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { withingsHandler, type WithingsScenario } from './withings-routes.js';
import { expectStoredKinds } from './stored-kinds.js';

let scenario: WithingsScenario = {};
let replay: ReplayApp;

/** The months each file's groups fall in (few requests: the client paces itself to 120 a minute). */
const SPANS: Record<string, [string, string]> = {
  'getmeas_2.json': ['2023-08-15', '2023-09-15'],
  'getmeas_3.json': ['2021-05-01', '2022-03-01'],
  'getmeas_4.json': ['2021-01-01', '2021-01-10'],
  'fragments/getmeas_measuregrps_fragment_1.json': ['2021-04-15', '2022-02-15'],
  'fragments/getmeas_measuregrps_fragment_bodyscan_1.json': ['2023-12-20', '2024-01-20'],
  'fragments/getmeas_measuregrps_fragment_positions_1.json': ['2024-01-05', '2024-01-15'],
};

/** Serves `file` as the getmeas answer (goals: the recorded empty answer) and syncs its span. */
async function measuresOf(file: string): Promise<Map<string, StoredRecord>> {
  scenario = { '/measure getmeas': file, '/measure getmeas category=2': 'getmeas_empty_1.json' };
  await replay.app.store.purgeProvider('withings');
  // The Oslo account's files (Brogzybro) all lie in 2019-10..2020-03.
  const [start, end] = SPANS[file] ?? ['2019-10-01', '2020-03-10'];
  await replay.refresh('withings', 'measures', { start: `${start}T00:00:00Z`, end: `${end}T00:00:00Z` });
  const records = await replay.app.store.queryRecords({ provider: 'withings', resource: 'measures' });
  return new Map(records.map((record) => [record.id, record]));
}

const measure = (record: StoredRecord | undefined, type: number) =>
  (record?.data.measures as Array<{ type: number; key: string; value: number; position?: string; label: string }> | undefined)?.filter((entry) => entry.type === type) ?? [];

describeShared('Withings getmeas replay (recorded)', () => {
  beforeAll(async () => {
    replay = await startReplayApp({ withings: (request) => withingsHandler(scenario)(request) }, new Date('2024-06-01T00:00:00Z'));
  });
  afterAll(() => replay.close());

  it('getmeas_2: one Body+ weigh-in sent twice (attrib 0 and 8) is one record, 118003 × 10^-3 = 118.003 kg, model 5', async () => {
    const groups = await measuresOf('getmeas_2.json');
    expect(groups.size).toBe(1);
    // 1693651151 = 2023-09-02T10:39:11Z = 12:39:11 in Amsterdam (+02:00).
    expect(groups.get('4815757309')).toMatchObject({ day: '2023-09-02', tzOffset: '+02:00', data: { weight_kg: 118.003, device_model: 'Body+', device_model_id: 5 } });
  });

  it('getmeas_3: weights with unit -4, -3 and -2 decode alike; manual entries (attrib 2, no device) are manual', async () => {
    const groups = await measuresOf('getmeas_3.json');
    expect(groups.size).toBe(20);
    expect(groups.get('3181614319')?.data).toMatchObject({ weight_kg: 67, attribution: 'manual' }); // 670000 × 10^-4
    expect(groups.get('3170892227')?.data).toMatchObject({ weight_kg: 67, attribution: 'manual' }); // 6700 × 10^-2
    expect(groups.get('3415696183')?.data).toMatchObject({ weight_kg: 110.1, fat_mass_kg: 17.3, fat_ratio_pct: 15.713, attribution: 'device' });
  });

  it('getmeas_4: a seven-measure Body Cardio group in Tokyo (escaped Asia\\/Tokyo)', async () => {
    const group = (await measuresOf('getmeas_4.json')).get('1234567890');
    // 2021-01-04T19:03:56+09:00; 81200e-3, 2180e-2, 5619e-2, 4560e-2, 320e-2, 26847e-3, 59400e-3.
    expect(group).toMatchObject({ day: '2021-01-04', tzOffset: '+09:00' });
    expect(group?.data).toMatchObject({ weight_kg: 81.2, fat_mass_kg: 21.8, muscle_mass_kg: 56.19, hydration_kg: 45.6, bone_mass_kg: 3.2, fat_ratio_pct: 26.847, fat_free_mass_kg: 59.4 });
  });

  it('getmeas_body_temp_1: unit -7 and -1 temperatures (365730018e-7 = 36.5730018 °C, 365e-1 = 36.5 °C), ambiguous attrib 1', async () => {
    const groups = await measuresOf('getmeas_body_temp_1.json');
    expect(groups.size).toBe(20);
    expect(groups.get('1876666798')?.data).toMatchObject({ body_temperature_c: 36.5730018, attribution: 'ambiguous' });
    expect(groups.get('1876666800')?.data).toMatchObject({ body_temperature_c: 36.5 });
    expect(groups.get('1881347839')).toMatchObject({ day: '2020-03-01', tzOffset: '+01:00', data: { body_temperature_c: 36.831 } });
  });

  it('Oslo meastype files (legacy 2020, no more/offset): one value per group, by type', async () => {
    const cases: Array<[string, number, string, string, number]> = [
      ['getmeas_bone_mass_1.json', 20, '1883608603', 'bone_mass_kg', 3.7], // 370e-2
      ['getmeas_fat_free_mass_1.json', 20, '1883608603', 'fat_free_mass_kg', 75.075], // 75075e-3
      ['getmeas_fat_mass_1.json', 20, '1883608603', 'fat_mass_kg', 40], // 4000e-2
      ['getmeas_fat_ratio_1.json', 20, '1883608603', 'fat_ratio_pct', 34.76], // 34760e-3
      ['getmeas_muscle_mass_1.json', 20, '1883608603', 'muscle_mass_kg', 71.36], // 7136e-2
      ['getmeas_pwv_1.json', 8, '1883608648', 'pulse_wave_velocity_m_s', 5.737], // 5737e-3, attrib 8
      ['getmeas_diastolic_bp_1.json', 16, '1861714605', 'diastolic_mmhg', 69], // unit 0
      ['getmeas_systolic_bp_1.json', 16, '1861714605', 'systolic_mmhg', 111],
      ['getmeas_weight_1.json', 20, '1861713844', 'weight_kg', 116], // 1160000e-4, manual
    ];
    for (const [file, count, id, key, value] of cases) {
      const groups = await measuresOf(file);
      expect(groups.size, file).toBe(count);
      expect(groups.get(id)?.data[key], file).toBe(value);
      expect(groups.get(id)?.tzOffset, file).toBe('+01:00');
    }
  });

  it('getmeas_empty_1: an empty list stores nothing (and removes what the window held)', async () => {
    expect((await measuresOf('getmeas_empty_1.json')).size).toBe(0);
  });

  it('fragment_1: every attrib kept (17 unknown → attrib_17), BP 10600e-2 = 106 mmHg, vascular age 400e-1 = 40', async () => {
    const groups = await measuresOf('fragments/getmeas_measuregrps_fragment_1.json');
    expect(groups.size).toBe(20);
    expect(groups.get('2726388728')?.data).toMatchObject({ attribution: 'unknown', attribution_detail: 'attrib_17', diastolic_mmhg: 106, systolic_mmhg: 143, heart_rate_bpm: 82 });
    expect(groups.get('2726389202')?.data).toMatchObject({ attribution: 'ambiguous', diastolic_mmhg: 94 });
    expect(groups.get('3373005279')?.data).toMatchObject({ pulse_wave_velocity_m_s: 7.2, vascular_age_years: 40 });
    // No timezone anywhere in a fragment: UTC days, offset unknown.
    expect(groups.get('2726375354')?.tzOffset).toBeNull();
  });

  it('fragment_bodyscan_1: Body Scan segments by position, unknown types 197/198 kept, AFib code 8', async () => {
    const groups = await measuresOf('fragments/getmeas_measuregrps_fragment_bodyscan_1.json');
    expect(groups.size).toBe(20);
    const scan = groups.get('5149666502');
    // 173 fat-free mass by segment: position 12 torso 4000e-2, 10 left leg 1350e-2, 3 left arm 469e-2.
    expect(scan?.data.fat_free_mass_segments_kg).toMatchObject({ torso: 40, left_leg: 13.5, left_arm: 4.69 });
    expect(scan?.data).toMatchObject({ weight_kg: 95.854, extracellular_water_kg: 21.62, visceral_fat_index: 3.2, device_model: 'Body Scan', device_model_id: 10 });
    const feet = groups.get('5149666517');
    expect(measure(feet, 197)).toEqual([expect.objectContaining({ key: 'meastype_197', label: 'Measure type 197', value: 59.328 })]);
    expect(groups.get('5149666553')?.data).toMatchObject({ heart_rate_bpm: 119, afib_ecg_result: 8, afib_ecg_result_label: 'inconclusive_us' });
  });

  it('fragment_positions_1: duplicated positioned entries are all listed; an unknown position is kept as position_7', async () => {
    const groups = await measuresOf('fragments/getmeas_measuregrps_fragment_positions_1.json');
    expect(groups.size).toBe(2);
    const fatFree = measure(groups.get('5149666502'), 5);
    expect(fatFree).toHaveLength(2);
    expect(fatFree.map((entry) => [entry.value, entry.position])).toEqual([[77.18, 'position_7'], [77.18, 'position_7']]);
  });

  it('every stored group reads back as a body_measure', async () => {
    expect((await expectStoredKinds(replay, 'withings')).measures).toBeGreaterThan(0);
  });

  it('served every recorded getmeas file', () => {
    const served = replay.servers.withings?.served ?? new Set();
    for (const file of REPLAYED.withingsMeasures) expect(served.has(file), file).toBe(true);
  });
});

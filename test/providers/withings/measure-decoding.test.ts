/**
 * Every measure type of the spec's `getmeas` table decodes (`value × 10^unit`) to the canonical
 * field with its unit and label, checked against values computed by hand; real measures and
 * goals are told apart, attribution is kept, and the local day follows the response's timezone.
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeShared, sharedPath } from '../../support/shared.js';
import { MEASURE_TYPES } from '../../../src/providers/withings/measure-types.js';
import { normalizeMeasureGroup } from '../../../src/providers/withings/normalize-measures.js';
import { dataOf } from '../../../src/core/records/record-build.js';


/** The `meastype` codes listed in the spec's table (parsed from the YAML text). */
function specMeasureTypes(): number[] {
  const text = readFileSync(sharedPath('specs', 'withings', 'per-tag', 'withings-measure-api-openapi.yml'), 'utf8');
  const start = text.indexOf("'Requested measure type :");
  const table = text.slice(start, text.indexOf("'\n", start + 10));
  return [...table.matchAll(/^\s*\|(\d+) \|/gm)].map((match) => Number(match[1]));
}

// [type, value, unit, position?, canonical key, expected (hand-computed), unit label]
const CASES: Array<[number, number, number, number | null, string, number, string | null]> = [
  [1, 72345, -3, null, 'weight_kg', 72.345, 'kg'],
  [4, 178, -2, null, 'height_m', 1.78, 'm'],
  [5, 58120, -3, null, 'fat_free_mass_kg', 58.12, 'kg'],
  [6, 19650, -3, null, 'fat_ratio_pct', 19.65, '%'],
  [8, 14225, -3, null, 'fat_mass_kg', 14.225, 'kg'],
  [9, 78, 0, null, 'diastolic_mmhg', 78, 'mmHg'],
  [10, 121, 0, null, 'systolic_mmhg', 121, 'mmHg'],
  [11, 64, 0, null, 'heart_rate_bpm', 64, 'bpm'],
  [12, 3710, -2, null, 'temperature_c', 37.1, '°C'],
  [54, 97, 0, null, 'spo2_pct', 97, '%'],
  [71, 3685, -2, null, 'body_temperature_c', 36.85, '°C'],
  [73, 3362, -2, null, 'skin_temperature_c', 33.62, '°C'],
  [76, 5480, -2, null, 'muscle_mass_kg', 54.8, 'kg'],
  [77, 4123, -2, null, 'hydration_kg', 41.23, 'kg'],
  [88, 291, -2, null, 'bone_mass_kg', 2.91, 'kg'],
  [91, 72, -1, null, 'pulse_wave_velocity_m_s', 7.2, 'm/s'],
  [123, 452, -1, null, 'vo2_max_ml_kg_min', 45.2, 'ml/min/kg'],
  [130, 0, 0, null, 'afib_ecg_result', 0, null],
  [135, 96, -3, null, 'qrs_interval_ms', 96, 'ms'],
  [136, 158, -3, null, 'pr_interval_ms', 158, 'ms'],
  [137, 392, -3, null, 'qt_interval_ms', 392, 'ms'],
  [138, 411, -3, null, 'qtc_interval_ms', 411, 'ms'],
  [139, 1, 0, null, 'afib_ppg_result', 1, null],
  [155, 38, 0, null, 'vascular_age_years', 38, 'years'],
  [167, 3, 0, null, 'nerve_health_score_feet', 3, null],
  [168, 1712, -2, null, 'extracellular_water_kg', 17.12, 'kg'],
  [169, 2411, -2, null, 'intracellular_water_kg', 24.11, 'kg'],
  [170, 65, -1, null, 'visceral_fat_index', 6.5, null],
  [173, 31, -1, 3, 'fat_free_mass_segments_kg', 3.1, 'kg'],
  [174, 865, -2, 12, 'fat_mass_segments_kg', 8.65, 'kg'],
  [175, 945, -2, 10, 'muscle_mass_segments_kg', 9.45, 'kg'],
  [196, 45, 0, null, 'electrodermal_activity_feet', 45, null],
  [226, 1685, 0, null, 'basal_metabolic_rate_kcal', 1685, 'kcal'],
  [227, 33, 0, null, 'metabolic_age_years', 33, 'years'],
  [229, 71, 0, null, 'electrochemical_skin_conductance', 71, null],
];

function group(overrides: Record<string, unknown> = {}) {
  return {
    grpid: 4242,
    attrib: 0,
    date: 1717286400, // 2024-06-02T00:00:00Z = 2024-06-01 20:00 in New York (UTC−4 in June)
    created: 1717286460,
    modified: 1717290000,
    category: 1,
    deviceid: 'abc',
    model: 'Body Scan',
    model_id: 10,
    measures: CASES.map(([type, value, unit, position]) => ({ type, value, unit, algo: 0, fm: 3, ...(position === null ? {} : { position }) })),
    ...overrides,
  };
}

describeShared('Withings measure decoding', () => {
  it('the table in this code and the cases here cover exactly the spec table', () => {
    const spec = specMeasureTypes();
    expect(spec.length).toBeGreaterThanOrEqual(35);
    expect(MEASURE_TYPES.map((entry) => entry.type)).toEqual(spec);
    expect(CASES.map(([type]) => type)).toEqual(spec);
  });

  it.each(CASES)('type %i: %i × 10^%i decodes to the hand-computed value', (type, _value, _unit, position, key, expected, unitLabel) => {
    const record = normalizeMeasureGroup(group(), 'America/New_York');
    expect(record).not.toBeNull();
    const data = record!.data as Record<string, unknown>;
    if (position === null) expect(data[key]).toBe(expected);
    else expect(Object.values(data[key] as Record<string, number>)).toEqual([expected]);
    const measure = (data.measures as Array<{ type: number; value: number; unit: string | null; label: string }>).find((m) => m.type === type);
    expect(measure).toMatchObject({ value: expected, unit: unitLabel });
    expect(measure?.label.length).toBeGreaterThan(2);
  });

  it('labels classifications and body segments', () => {
    const data = normalizeMeasureGroup(group(), 'UTC')!.data as Record<string, unknown>;
    expect(data.afib_ecg_result_label).toBe('negative');
    expect(data.afib_ppg_result_label).toBe('positive');
    expect(data.fat_free_mass_segments_kg).toEqual({ left_arm: 3.1 });
    expect(data.fat_mass_segments_kg).toEqual({ torso: 8.65 });
    expect(data.muscle_mass_segments_kg).toEqual({ left_leg: 9.45 });
  });

  it('puts the group on the local day of the response timezone and keeps ids and times', () => {
    const record = normalizeMeasureGroup(group(), 'America/New_York')!;
    expect(record).toMatchObject({ provider: 'withings', resource: 'measures', id: '4242', day: '2024-06-01', start: '2024-06-01T20:00:00-04:00', tzOffset: '-04:00' });
    expect(record.updatedAt).toBe('2024-06-02T01:00:00.000Z');
    expect(normalizeMeasureGroup(group(), 'Europe/Paris')!.day).toBe('2024-06-02');
  });

  it('tells real measures from goals and keeps the attribution', () => {
    const cases: Array<[number, number, string, string]> = [
      [1, 0, 'measurement', 'device'],
      [1, 1, 'measurement', 'ambiguous'],
      [1, 2, 'measurement', 'manual'],
      [1, 4, 'measurement', 'manual'],
      [2, 2, 'goal', 'manual'],
    ];
    for (const [category, attrib, expectedCategory, attribution] of cases) {
      const data = normalizeMeasureGroup(group({ category, attrib }), 'UTC')!.data;
      expect(data).toMatchObject({ category: expectedCategory, attribution });
    }
    expect(dataOf(normalizeMeasureGroup(group({ attrib: 4 }), 'UTC')!, 'body_measure').attribution_detail).toBe('manual_at_creation');
  });

  it('rejects a group that does not match the schema instead of inventing values', () => {
    expect(normalizeMeasureGroup({ grpid: 1, measures: 'nope' }, 'UTC')).toBeNull();
  });
});

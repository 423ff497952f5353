/**
 * The Withings normalize step on real recorded responses (`../shared/specs/recorded/withings/`):
 * expected values computed by hand from the files.
 */
import { expect, it } from 'vitest';
import { normalizeMeasureGroup } from '../../../src/providers/withings/normalize-measures.js';
import { normalizeSleepSummary } from '../../../src/providers/withings/normalize-sleep.js';
import { describeShared, readSharedJson } from '../../support/shared.js';

interface Envelope {
  status: number;
  body: Record<string, unknown>;
}
const recorded = (file: string) => readSharedJson<Envelope>('specs', 'recorded', 'withings', ...file.split('/'));

describeShared('Withings normalize (recorded responses)', () => {
  it('measure groups read the device model from `modelid` (getmeas_2: Body+, modelid 5; 118003 × 10^-3 = 118.003 kg)', () => {
    const body = recorded('getmeas_2.json').body;
    const groups = (body.measuregrps as unknown[]).map((group) => normalizeMeasureGroup(group, body.timezone as string));
    expect(groups.map((group) => group?.data.device_model_id)).toEqual([5, 5]);
    expect(groups[0]?.data).toMatchObject({ device_model: 'Body+', weight_kg: 118.003 });
  });
});

describeShared('Withings sleep summaries (recorded responses)', () => {
  const summary = (file: string, id: number) => {
    const series = recorded(file).body.series as Array<{ id: number }>;
    const document = series.find((entry) => entry.id === id);
    if (!document) throw new Error(`${file} has no summary ${id}`);
    const record = normalizeSleepSummary(document);
    if (!record) throw new Error(`summary ${id} did not normalize`);
    return record;
  };

  it('the -1 "not available" sentinel of the apnea and breathing indices is null (sleep_getsummary_1, 2081804405)', () => {
    const { data } = summary('sleep_getsummary_1.json', 2081804405);
    expect(data.apnea_hypopnea_index).toBeNull();
    expect(data.breathing_disturbances_intensity).toBeNull();
    // Real values next to them survive: total 16860 s, score 20, snoring 1020 s.
    expect(data).toMatchObject({ total_sleep_seconds: 16860, sleep_score: 20, snoring_seconds: 1020 });
  });
});

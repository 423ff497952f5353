/**
 * The Withings normalize step on real recorded responses (`../shared/specs/recorded/withings/`):
 * expected values computed by hand from the files.
 */
import { expect, it } from 'vitest';
import { normalizeMeasureGroup } from '../../../src/providers/withings/normalize-measures.js';
import { normalizeSleepSummary } from '../../../src/providers/withings/normalize-sleep.js';
import { normalizeGoals } from '../../../src/providers/withings/normalize-user.js';
import { extractValues } from '../../../src/analysis/extract.js';
import { WITHINGS_MAPPINGS } from '../../../src/providers/withings/day-view.js';
import type { StoredRecord } from '../../../src/store/store.js';
import { describeShared, readSharedJson } from '../../support/shared.js';
import { dataOf } from '../../../src/core/records/record-build.js';

interface Envelope {
  status: number;
  body: Record<string, unknown>;
}
const recorded = (file: string) => readSharedJson<Envelope>('specs', 'recorded', 'withings', ...file.split('/'));

describeShared('Withings normalize (recorded responses)', () => {
  it('measure groups read the device model from `modelid` (getmeas_2: Body+, modelid 5; 118003 × 10^-3 = 118.003 kg)', () => {
    const body = recorded('getmeas_2.json').body;
    const groups = (body.measuregrps as unknown[]).map((group) => normalizeMeasureGroup(group, body.timezone as string));
    expect(groups.map((group) => dataOf(group!, 'body_measure').device_model_id)).toEqual([5, 5]);
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

  it('2020-shape summaries: total = light + deep + REM, durationtosleep is the latency, and the day view has the night', () => {
    // 2020-02-19 (id 1335879805): light 15660 + deep 4740 + REM 6180 = 26580 s; durationtosleep 1560,
    // durationtowakeup 600; in bed 1582096260 - 1582064940 = 31320 s.
    const night = summary('sleep_getsummary_legacy_1.json', 1335879805);
    expect(night.data).toMatchObject({
      total_sleep_seconds: 26580,
      latency_seconds: 1560,
      wakeup_latency_seconds: 600,
      time_in_bed_seconds: 31320,
      deep_sleep_seconds: 4740,
    });
    const mapping = WITHINGS_MAPPINGS.find((entry) => entry.resource === 'sleep_summary');
    if (!mapping) throw new Error('no sleep_summary mapping');
    const stored: StoredRecord = { ...night, storedAt: '2020-02-20T00:00:00.000Z', contentHash: 'x' };
    const values = extractValues(mapping, [stored]).filter((entry) => entry.day === '2020-02-19');
    expect(values.find((entry) => entry.metric === 'total_sleep_seconds')?.value).toBe(26580);
    expect(values.find((entry) => entry.metric === 'sleep_latency_seconds')?.value).toBe(1560);
  });
});

describeShared('Withings goals (recorded responses)', () => {
  it('goals decode (user_getgoals_1: 10000 steps, 28800 s, 70500 × 10^-3 = 70.5 kg)', () => {
    expect(normalizeGoals(recorded('user_getgoals_1.json').body.goals)?.data).toEqual({ steps_goal: 10000, sleep_goal_seconds: 28800, weight_goal_kg: 70.5 });
  });

  it('an empty goals array (user_getgoals_empty_1) is a snapshot with no goals, replacing earlier ones', () => {
    const empty = normalizeGoals(recorded('user_getgoals_empty_1.json').body.goals);
    expect(empty).toMatchObject({ resource: 'goals', id: 'goals' });
    expect(empty?.data).toEqual({ steps_goal: null, sleep_goal_seconds: null, weight_goal_kg: null });
  });
});

/**
 * Replay of the recorded WHOOP responses through the real client, normalizer, store and the
 * get-by-id tools (the by-id answers are bare objects; list answers are `{ records, next_token }`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeWhoopDocument } from '../../src/providers/whoop/normalize.js';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { recorded } from './recorded.js';
import { whoopHandler } from './whoop-routes.js';
import { dataOf } from '../../src/core/records/record-build.js';
import { expectStoredKinds } from './stored-kinds.js';

describeShared('WHOOP replay (recorded)', () => {
  let replay: ReplayApp;
  const stored = (resource: string, id: string) => replay.app.store.getRecord('whoop', resource, id);
  beforeAll(async () => {
    replay = await startReplayApp({ whoop: whoopHandler() }, new Date('2026-05-29T12:00:00Z'));
    for (const resource of ['profile', 'body_measurement', 'cycle', 'recovery', 'sleep']) {
      await replay.refresh('whoop', resource, { start: '2026-05-20T00:00:00Z', end: '2026-05-29T00:00:00Z' });
    }
    await replay.refresh('whoop', 'workout', { start: '2026-02-25T00:00:00Z', end: '2026-03-05T00:00:00Z' });
  });
  afterAll(() => replay.close());

  it('cycle_page_1: limit=1 page token followed once; the current cycle (end null) is ongoing yet SCORED', async () => {
    const asked = replay.servers.whoop?.requests.filter((request) => request.path === '/v2/cycle').map((request) => request.params.nextToken ?? null);
    expect(asked).toContain('eyIkIjoib0AxIiwibyI6MX0=');
    // Starts 01:48Z = 21:48 on the 27th at -04:00: that night's cycle is the 28th's. 7856.277 kJ × 0.239006 = 1877.7 kcal.
    expect(await stored('cycle', '1528948829')).toMatchObject({ day: '2026-05-28', tzOffset: '-04:00', data: { ongoing: true, score_state: 'SCORED', strain: 9.01, calories: 1878, avg_hr_bpm: 71 } });
  });

  it('recovery_for_cycle_1 (list and by id): 70.0 / 60.0 floats read as numbers, HRV 56.8 ms, day from its cycle', async () => {
    expect(await stored('recovery', '1528948829')).toMatchObject({ day: '2026-05-28', data: { recovery_score: 70, resting_heart_rate_bpm: 60, hrv_rmssd_ms: 56.8, user_calibrating: false } });
    const tool = await replay.tool('get_whoop_cycle_recovery', { cycle_id: 1528948829, fresh: true });
    expect(tool.isError, tool.text).toBe(false);
    expect(tool.structured.recovery).toMatchObject({ recovery_score: 70, spo2_pct: 95, skin_temp_c: 34.2, sleep_id: '79433b0f-15f8-49e6-84bd-aee7b1e0e46b' });
  });

  it('sleep_by_id_1: v2 UUID id, v1_id null, stages 19211.4 + 9614.4 + 3875.8 = 32701.6 s, performance 80.0 as 80', async () => {
    const tool = await replay.tool('get_whoop_sleep', { sleep_id: '79433b0f-15f8-49e6-84bd-aee7b1e0e46b', fresh: true });
    expect(tool.isError, tool.text).toBe(false);
    expect(tool.structured.sleep).toMatchObject({ day: '2026-05-28', nap: false, total_sleep_seconds: 32701.6, sleep_performance_pct: 80, sleep_consistency_pct: 64, sleep_efficiency_pct: 87.5 });
    expect((await stored('sleep', '79433b0f-15f8-49e6-84bd-aee7b1e0e46b'))?.data).toMatchObject({ v1_id: null, cycle_id: 1528948829, sleep_need_seconds: 29748.5 });
  });

  it('workout_record_1: fraction percent_recorded, deprecated sport_id kept raw, 51.7 m indoors, negative altitude change', async () => {
    const workout = await stored('workout', 'd9ce3332-66bd-4144-b2a8-34da63354e24');
    // 1232.8245 kJ × 0.239006 = 294.6 kcal; 19:57:00.685 → 20:29:38.577 = 1958 s.
    expect(workout).toMatchObject({ day: '2026-03-01', tzOffset: '-05:00', data: { sport_name: 'running', percent_recorded: 100, distance_meter: 51.7, altitude_change_meter: -1.2, calories: 295, duration_seconds: 1958, v1_id: null } });
    expect((workout?.raw as { sport_id: number }).sport_id).toBe(0);
  });

  it('profile and body measurement: names (redacted) without the user id; 65.744 kg as measured, a 0.0 kg account has no weight', async () => {
    expect((await stored('profile', 'profile'))?.data).toEqual({ first_name: 'REDACTED', last_name: 'REDACTED', email: 'REDACTED' });
    expect((await stored('body_measurement', 'body_measurement'))?.data).toEqual({ height_m: 1.7018, weight_kg: 65.744, max_heart_rate_bpm: 194 });
    const secondary = { ...recorded<Record<string, unknown>>('whoop/unresolved_provenance/user_measurement_body_1.json'), weight_kilogram: 0.0 };
    expect(dataOf(normalizeWhoopDocument('body_measurement', secondary).record, 'profile').weight_kg).toBeNull();
  });

  it('every stored row reads back as its resource\'s canonical kind', async () => {
    expect(Object.keys(await expectStoredKinds(replay, 'whoop')).sort()).toEqual(['body_measurement', 'cycle', 'profile', 'recovery', 'sleep', 'workout']);
  });

  it('served every recorded WHOOP response file', () => {
    for (const file of REPLAYED.whoop) expect(replay.servers.whoop?.served.has(file), file).toBe(true);
  });
});

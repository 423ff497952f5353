/**
 * get_withings_heart_signal on the recorded ECG (heart_get_ecg_signal_1.json: 10000 µV samples at
 * 500 Hz, BPM Core at wearposition 3) listed in heart_list_1.json with a device heart rate of 72.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { withingsHandler } from './withings-routes.js';

describeShared('Withings ECG summary (recorded)', () => {
  let replay: ReplayApp;
  beforeAll(async () => {
    replay = await startReplayApp(
      { withings: withingsHandler({ '/v2/heart list': 'heart_list_1.json', '/v2/heart get': 'heart_get_ecg_signal_1.json', '/v2/user getdevice': 'user_getdevice_1.json' }) },
      new Date('2020-03-01T00:00:00Z'),
    );
    await replay.refresh('withings', 'heart_records', { start: '2020-02-01T00:00:00Z', end: '2020-03-01T00:00:00Z' });
  });
  afterAll(() => replay.close());

  it('heart rate from the trace is 60 / median RR (0.838 s) = 72, matching the device, not 16 beats / 20 s = 48', async () => {
    const answer = await replay.tool('get_withings_heart_signal', { signal_id: 2500741 });
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.structured).toMatchObject({
      kind: 'ecg',
      heart_rate_bpm: 72,
      heart_rate_from_trace_bpm: 72,
      duration_seconds: 20,
      sampling_frequency_hz: 500,
      sample_count: 10_000,
      classification: 'negative',
    });
    for (const file of REPLAYED.withingsEcg) expect(replay.servers.withings?.served.has(file), file).toBe(true);
  });
});

/**
 * Heart-rate days belong to the person's zone (the latest offset Oura reported: -05:00 in the
 * recorded go-oura account), not to UTC and not to the server's zone (Asia/Tokyo here). Recorded
 * heartrate_page_1.json: 74 bpm at 2024-01-10T01:45:45Z and 95 bpm 15 s later, i.e. 20:45:45
 * and 20:46:00 on 2024-01-09 at -05:00 (10:45 on the 10th in Tokyo).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeShared } from '../support/shared.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { OURA_ACCOUNT_A, ouraHandler } from './oura-routes.js';

describeShared('get_oura_heart_rate in the person zone (recorded)', () => {
  let replay: ReplayApp;
  const serverZone = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = 'Asia/Tokyo';
    replay = await startReplayApp({ oura: ouraHandler(OURA_ACCOUNT_A) }, new Date('2024-02-01T12:00:00Z'));
    await replay.refresh('oura', 'sleep', { start: '2024-01-01', end: '2024-01-31' });
    await replay.refresh('oura', 'heartrate', { start: '2024-01-08T00:00:00Z', end: '2024-01-12T00:00:00Z' });
  });
  afterAll(async () => {
    await replay.close();
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it('raw samples of early 2024-01-10 UTC are on 2024-01-09 local, with -05:00 times', async () => {
    const ninth = await replay.tool('get_oura_heart_rate', { start_date: '2024-01-09', end_date: '2024-01-09', resolution: 'raw' });
    expect(ninth.isError, ninth.text).toBe(false);
    expect(ninth.structured.samples).toEqual([
      { day: '2024-01-09', source: 'oura', time: '2024-01-09T20:45:45-05:00', bpm: 74, tag: 'awake' },
      { day: '2024-01-09', source: 'oura', time: '2024-01-09T20:46:00-05:00', bpm: 95, tag: 'awake' },
    ]);
    const tenth = await replay.tool('get_oura_heart_rate', { start_date: '2024-01-10', end_date: '2024-01-10', resolution: 'raw' });
    expect(tenth.structured.samples).toEqual([]);
  });

  it('day buckets start at local midnight (-05:00): one bucket of 2 samples, avg (74 + 95) / 2 = 84.5', async () => {
    const answer = await replay.tool('get_oura_heart_rate', { start_date: '2024-01-09', end_date: '2024-01-10', resolution: '1d' });
    expect(answer.structured.buckets).toEqual([{ day: '2024-01-09', source: 'oura', start: '2024-01-09T00:00:00-05:00', min_bpm: 74, avg_bpm: 84.5, max_bpm: 95, count: 2 }]);
    const hourly = await replay.tool('get_oura_heart_rate', { start_date: '2024-01-09', end_date: '2024-01-09', resolution: '3h' });
    // 20:45 local falls in the 18:00-21:00 local bucket (not the UTC-aligned 19:00-22:00 one).
    expect(hourly.structured.buckets).toEqual([{ day: '2024-01-09', source: 'oura', start: '2024-01-09T18:00:00-05:00', min_bpm: 74, avg_bpm: 84.5, max_bpm: 95, count: 2 }]);
  });
});

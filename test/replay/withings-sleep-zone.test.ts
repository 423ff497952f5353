/**
 * Withings night segments (`v2/sleep get`, no timezone anywhere in the response) are filed in the
 * user's zone on the night's wake-up day, like their summary (recorded sleep_get_1/2.json).
 */
import { afterEach, expect, it } from 'vitest';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { withingsHandler } from './withings-routes.js';

let replay: ReplayApp | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

const segments = async (app: ReplayApp) => app.app.store.queryRecords({ provider: 'withings', resource: 'sleep_series' });

describeShared('Withings sleep segments in the user zone (recorded)', () => {
  it('Tokyo: a night starting 2021-01-03 00:59 +09:00 is on 2021-01-03, offset +09:00 (zone from the activity days)', async () => {
    replay = await startReplayApp({ withings: withingsHandler({ '/v2/measure getactivity': 'getactivity_2.json', '/v2/sleep get': 'sleep_get_2.json' }) }, new Date('2021-01-10T00:00:00Z'));
    await replay.refresh('withings', 'activity', { start: '2021-01-01', end: '2021-01-08' });
    // 1609603140 = 2021-01-02T15:59:00Z = 2021-01-03T00:59:00+09:00.
    await replay.refresh('withings', 'sleep_series', { start: '2021-01-02T12:00:00Z', end: '2021-01-03T12:00:00Z' });
    const stored = await segments(replay);
    expect(stored).toHaveLength(22);
    expect(new Set(stored.map((record) => record.day))).toEqual(new Set(['2021-01-03']));
    expect(new Set(stored.map((record) => record.tzOffset))).toEqual(new Set(['+09:00']));
    expect(stored.find((record) => record.id === '1609603140')?.start).toBe('2021-01-03T00:59:00+09:00');
    for (const file of REPLAYED.withingsSleepSeries.slice(1)) expect(replay.servers.withings?.served.has(file), file).toBe(true);
  });

  it('Paris: segments of the night dated 2021-04-18 are on 2021-04-18 (from 22:30 the evening before), zone looked up from the devices', async () => {
    replay = await startReplayApp(
      { withings: withingsHandler({ '/v2/sleep getsummary': 'sleep_getsummary_1.json', '/v2/sleep get': 'sleep_get_1.json', '/v2/user getdevice': 'user_getdevice_2.json' }) },
      new Date('2021-05-10T00:00:00Z'),
    );
    // Nothing synced before: the zone comes from getdevice (Europe/Amsterdam, +02:00 like Paris).
    await replay.refresh('withings', 'sleep_series', { start: '2021-04-17T12:00:00Z', end: '2021-04-18T12:00:00Z' });
    const stored = await segments(replay);
    // 1618691453 = 2021-04-17T20:30:53Z = 22:30:53 at +02:00: the evening before the wake-up day.
    expect(stored.find((record) => record.id === '1618691453')).toMatchObject({ day: '2021-04-18', tzOffset: '+02:00', start: '2021-04-17T22:30:53+02:00' });
    expect(new Set(stored.map((record) => record.day))).toEqual(new Set(['2021-04-18']));
    expect(replay.servers.withings?.served.has(REPLAYED.withingsSleepSeries[0])).toBe(true);
    await replay.refresh('withings', 'sleep_summary', { start: '2021-04-01', end: '2021-04-30' });
    const summary = await replay.app.store.getRecord('withings', 'sleep_summary', '2081804405');
    expect(summary?.day).toBe('2021-04-15');
    const night = (await replay.app.store.queryRecords({ provider: 'withings', resource: 'sleep_summary', startDay: '2021-04-18', endDay: '2021-04-18' }))[0];
    expect(night?.start).toBe('2021-04-17T22:30:53+02:00');
  });
});

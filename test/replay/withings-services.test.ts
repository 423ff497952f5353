/**
 * Replay of the other recorded Withings answers (activity, workouts, sleep summaries, devices,
 * goals, notify, OAuth, error envelopes) through the real client, normalizer, store and tools.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { createAuthorizedHttp } from '../../src/core/http.js';
import { resourceSpec } from '../../src/providers/provider.js';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { withingsHandler, type WithingsScenario } from './withings-routes.js';

let scenario: WithingsScenario = {};
let replay: ReplayApp;
const records = (resource: string) => replay.app.store.queryRecords({ provider: 'withings', resource });
const use = async (next: WithingsScenario) => {
  scenario = next;
  await replay.app.store.purgeProvider('withings');
};

describeShared('Withings services replay (recorded)', () => {
  beforeAll(async () => {
    replay = await startReplayApp({ withings: (request) => withingsHandler(scenario)(request) }, new Date('2024-01-01T00:00:00Z'));
  });
  afterAll(() => replay.close());
  const provider = () => createWithingsProvider({ apiBaseUrl: replay.servers.withings!.url, authBaseUrl: replay.servers.withings!.url, clientId: 'id', clientSecret: 'secret', requestsPerMinute: 100_000 });

  it('getactivity_1: a last page with offset 200 ends paging; GoogleFit tracker (brand 18, modelid 1055); missing hr is null', async () => {
    await use({ '/v2/measure getactivity': 'getactivity_1.json' });
    const before = replay.servers.withings!.requests.length;
    await replay.refresh('withings', 'activity', { start: '2023-10-15', end: '2023-10-25' });
    expect(replay.servers.withings!.requests.length - before).toBe(1);
    const [first, second] = await records('activity');
    expect(first).toMatchObject({ day: '2023-10-20', tzOffset: '+02:00', data: { steps: 1209, distance_m: 1028.559, average_heart_rate_bpm: 80, is_tracker: false } });
    expect(first?.data).toMatchObject({ device_model: 'GoogleFit tracker' });
    expect(second).toMatchObject({ day: '2023-10-21', data: { steps: 1155, average_heart_rate_bpm: null, hr_zone_light_seconds: null } });
  });

  it('getactivity_2: only the requested data_fields (no distance) in Asia\\/Tokyo', async () => {
    await use({ '/v2/measure getactivity': 'getactivity_2.json' });
    await replay.refresh('withings', 'activity', { start: '2021-01-01', end: '2021-01-10' });
    const days = await records('activity');
    expect(days.map((day) => [day.day, day.tzOffset, day.data.steps, day.data.distance_m])).toEqual([
      ['2021-01-03', '+09:00', 8454, null],
      ['2021-01-04', '+09:00', 10280, null],
    ]);
  });

  it('getworkouts_1: 11 series with id 3752609174 twice are 10 workouts; spo2_average null is kept null', async () => {
    await use({ '/v2/measure getworkouts': 'getworkouts_1.json' });
    await replay.refresh('withings', 'workouts', { start: '2023-07-01', end: '2023-11-01' });
    const workouts = await records('workouts');
    expect(workouts).toHaveLength(10);
    const first = workouts.find((workout) => workout.id === '3661300277');
    // 1693336511 − 1693336011 = 502 s; recorded steps 779, calories 47.
    expect(first).toMatchObject({ day: '2023-08-29', data: { duration_seconds: 502, steps: 779, spo2_average_pct: 15 } });
    expect(workouts.find((workout) => workout.id === '3661300269')?.data.spo2_average_pct).toBeNull();
  });

  it('sleep_getsummary_1: more=true offset=300 is followed to the next page; 20 Paris nights stored', async () => {
    await use({ '/v2/sleep getsummary': 'sleep_getsummary_1.json' });
    await replay.refresh('withings', 'sleep_summary', { start: '2020-10-01', end: '2021-10-01' });
    const asked = replay.servers.withings!.requests.filter((request) => request.params.action === 'getsummary').map((request) => request.params.offset ?? null);
    expect(asked).toContain('300');
    expect(await records('sleep_summary')).toHaveLength(20);
  });

  it('sleep_getsummary_legacy_1: 11 nights incl. a nap on 2020-02-26; get_daily_summary shows 2020-02-19 (26580 s)', async () => {
    await use({ '/v2/sleep getsummary': 'sleep_getsummary_legacy_1.json' });
    await replay.refresh('withings', 'sleep_summary', { start: '2020-02-15', end: '2020-03-01' });
    const nights = await records('sleep_summary');
    expect(nights).toHaveLength(11);
    expect(nights.filter((night) => night.day === '2020-02-26').map((night) => night.data.total_sleep_seconds)).toEqual([26700, 9300]); // 13200 + 4680 + 8820; nap 4920 + 3420 + 960
    const summary = await replay.tool('get_daily_summary', { start_date: '2020-02-19', end_date: '2020-02-19' });
    expect(summary.isError, summary.text).toBe(false);
    const summaryTable = summary.structured as { columns: string[]; rows: unknown[][] };
    expect(summaryTable.rows[0]?.[summaryTable.columns.indexOf('total_sleep_seconds')]).toEqual([26580, 'withings']);
  });

  it('user_getdevice_1/2: 2020 shape without hash ids (battery low); nullable session dates', async () => {
    await use({ '/v2/user getdevice': 'user_getdevice_1.json' });
    await replay.refresh('withings', 'devices', { start: '2020-01-01', end: '2020-01-02' });
    const oslo = await records('devices');
    expect(oslo).toHaveLength(5);
    expect(oslo.find((device) => device.data.model === 'Body Cardio')?.data).toMatchObject({ battery: 'low', model_id: 6, first_session: null });
    await use({ '/v2/user getdevice': 'user_getdevice_2.json' });
    await replay.refresh('withings', 'devices', { start: '2020-01-01', end: '2020-01-02' });
    // The source author edited all five entries to one device id: one device, the last entry.
    const amsterdam = await records('devices');
    expect(amsterdam).toHaveLength(1);
    expect(amsterdam[0]).toMatchObject({ id: 'f998be4b9ccc9e136fd8cd8e8e344c31ec3b271d', data: { type: 'Sleep Monitor', model_id: 13, first_session: '2023-09-04T22:39:39.000Z', last_session: null } });
  });

  it('goals, then the recorded empty [] goals: the tool shows the goals, then none (not the stale ones)', async () => {
    await use({ '/v2/user getgoals': 'user_getgoals_1.json' });
    const goals = await replay.tool('get_withings_goals', { fresh: true });
    expect(goals.structured).toMatchObject({ steps_goal: 10_000, sleep_goal_seconds: 28_800, weight_goal_kg: 70.5 });
    scenario = { '/v2/user getgoals': 'user_getgoals_empty_1.json' };
    const empty = await replay.tool('get_withings_goals', { fresh: true });
    expect(empty.structured).toMatchObject({ steps_goal: null, sleep_goal_seconds: null, weight_goal_kg: null });
  });

  it('notify list/subscribe: the recorded profile is listed; subscribe answers {} and succeeds', async () => {
    await use({ '/notify list': 'notify_list_1.json', '/notify subscribe': 'notify_subscribe_1.json' });
    const http = createAuthorizedHttp({ provider: 'withings', tokens: { getAccessToken: async () => 't', refreshAfterUnauthorized: async () => 't' } });
    const subscriptions = provider().webhooks!.subscriptions!({ http } as never);
    expect(await subscriptions.list()).toEqual([expect.objectContaining({ id: '1@https://www.withings.com', callbackUrl: 'https://www.withings.com' })]);
    await subscriptions.subscribe({ callbackUrl: 'https://example.org/webhooks/withings', resources: ['measures'] });
    expect(replay.servers.withings!.requests.some((request) => request.params.action === 'subscribe')).toBe(true);
  });

  it('OAuth: requesttoken (string userid), the legacy bare grant (numeric userid), and their errors', async () => {
    const exchange = () => provider().oauth!.exchangeCode({ code: 'recorded-code', redirectUri: 'http://127.0.0.1:53682/callback', codeVerifier: 'unused' });
    await use({ '/v2/oauth2 requesttoken': 'oauth2_requesttoken_1.json' });
    expect(await exchange()).toMatchObject({ userId: '46865875', accessToken: 'ALPHANUMERICALACCESSTOKEN' });
    const grant = await exchange();
    expect((grant.expiresAt ?? 0) - grant.obtainedAt).toBe(10_800_000);
    await use({ '/v2/oauth2 requesttoken': 'oauth2_token_legacy_1.json' });
    expect(await exchange()).toMatchObject({ userId: '19662645', refreshToken: '84151dcd36100bb76605675d5416a1abbf2e17d2' });
    for (const file of ['oauth2_token_legacy_error_1.json', 'unresolved_provenance/error_503_invalid_code_1.json']) {
      await use({ '/v2/oauth2 requesttoken': file });
      expect(await exchange().then(() => null, (error: unknown) => error), file).toMatchObject({ code: 'AUTH_FAILED' });
    }
  });

  it('error envelopes: 401 (HTTP 200) refreshes once then AUTH_FAILED; 601 through a tool says retry in 68 s', async () => {
    await use({ '/v2/sleep getsummary': 'error_401_invalid_token_1.json' });
    let refreshes = 0;
    const http = createAuthorizedHttp({ provider: 'withings', tokens: { getAccessToken: async () => 't', refreshAfterUnauthorized: async () => (refreshes++, 't2') } });
    const withings = provider();
    const run = async () => {
      for await (const page of withings.fetchWindow(resourceSpec(withings, 'sleep_summary'), { start: '2021-04-01', end: '2021-04-02' }, { http })) void page;
    };
    const error = await run().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(WearablesError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(refreshes).toBe(1);
    await use({ '/v2/sleep getsummary': 'error_601_too_many_requests_1.json' });
    const limited = await replay.tool('get_withings_sleep_summary', { start_date: '2023-12-20', end_date: '2023-12-31', fresh: true });
    expect(limited.isError).toBe(true);
    expect(limited.text).toMatch(/68/);
  });

  it('served every recorded file of this suite', () => {
    for (const file of REPLAYED.withingsServices) expect(replay.servers.withings?.served.has(file), file).toBe(true);
  });
});

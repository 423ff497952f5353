/**
 * The simulator answers in the shapes real responses have (`../shared/specs/recorded/`), where
 * they differ from the specs: Withings measure groups name the model `modelid`, 601 carries
 * `wait_seconds`, a user without goals gets `goals: []`, 2020 sleep summaries have only the basic
 * fields, night segments fall on their summary's day; WHOOP percent_recorded is a fraction.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuthorizedHttp } from '../../src/core/http.js';
import { resourceSpec } from '../../src/providers/provider.js';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import type { NormalizedRecord } from '../../src/core/types.js';
import { recorded } from '../replay/recorded.js';
import { describeShared } from '../support/shared.js';
import { allPages } from './whoop/support.js';
import { dataOf } from '../../src/core/records/record-build.js';

const TOKEN = 'recorded-shapes-token';
const NOW = new Date('2025-06-15T12:00:00Z');
type Envelope = { status: number; body: Record<string, unknown>; error?: string };

async function call(sim: StartedSimulator, path: string, form: Record<string, string | number>): Promise<Envelope> {
  const response = await fetch(`${sim.withings.apiBaseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(Object.entries(form).map(([key, value]): [string, string] => [key, String(value)])).toString(),
  });
  return (await response.json()) as Envelope;
}

describeShared('the simulator follows the recorded shapes', () => {
  let sim: StartedSimulator;
  let legacy: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, days: 30, now: () => NOW, personalAccessTokens: [TOKEN], withings: { rateLimitPerMinute: 100_000 } });
    legacy = await startSimulator({ seed: 3, days: 30, now: () => NOW, personalAccessTokens: [TOKEN], withings: { rateLimitPerMinute: 2, sleepSummaryShape: 'legacy-2020' } });
  });
  afterAll(async () => {
    await sim.close();
    await legacy.close();
  });

  it('measure groups carry modelid (getmeas_2.json), never the spec-only model_id', async () => {
    const answer = await call(sim, '/measure', { action: 'getmeas', category: 1, startdate: Date.parse('2025-05-20T00:00:00Z') / 1000, enddate: NOW.getTime() / 1000 });
    const groups = answer.body.measuregrps as Array<Record<string, unknown>>;
    const real = Object.keys((recorded<Envelope>('withings/getmeas_2.json').body.measuregrps as Array<Record<string, unknown>>)[0] ?? {});
    const withDevice = groups.filter((group) => group.deviceid);
    expect(withDevice.length).toBeGreaterThan(0);
    for (const group of withDevice) {
      expect(typeof group.modelid).toBe('number');
      expect(group).not.toHaveProperty('model_id');
      for (const key of Object.keys(group)) expect(real, key).toContain(key);
    }
  });

  it('601 says how long to wait, like error_601_too_many_requests_1.json', async () => {
    const shape = recorded<Envelope>('withings/error_601_too_many_requests_1.json');
    let answer: Envelope | undefined;
    for (let attempt = 0; attempt < 3 && answer?.status !== 601; attempt++) answer = await call(legacy, '/v2/user', { action: 'getgoals' });
    expect(answer?.status).toBe(601);
    expect(Object.keys(answer?.body ?? {})).toEqual(Object.keys(shape.body));
    expect(answer?.body.wait_seconds).toBeGreaterThanOrEqual(1);
    expect(answer?.body.wait_seconds).toBeLessThanOrEqual(60);
    expect(answer?.error).toBe(shape.error);
    legacy.control.advanceClock(61_000);
  });

  it('a user without goals gets goals: [] (user_getgoals_empty_1.json)', async () => {
    sim.control.withings.clearGoals();
    expect(await call(sim, '/v2/user', { action: 'getgoals' })).toEqual(recorded('withings/user_getgoals_empty_1.json'));
  });

  it('legacy-2020 sleep summaries have exactly the recorded fields and still give total sleep', async () => {
    const real = recorded<Envelope>('withings/sleep_getsummary_legacy_1.json').body.series as Array<Record<string, unknown>>;
    const answer = await call(legacy, '/v2/sleep', { action: 'getsummary', startdateymd: '2025-06-01', enddateymd: '2025-06-10' });
    const series = answer.body.series as Array<Record<string, unknown>>;
    expect(series.length).toBeGreaterThan(5);
    for (const item of series) {
      expect(Object.keys(item).sort()).toEqual(Object.keys(real[0] ?? {}).sort());
      expect(Object.keys(item.data as object).sort()).toEqual(Object.keys(real[0]?.data as object).sort());
    }
    const provider = createWithingsProvider({ ...legacy.withings, requestsPerMinute: 100_000 });
    const http = createAuthorizedHttp({ provider: 'withings', tokens: { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN }, sleep: async () => undefined });
    const nights: NormalizedRecord[] = [];
    legacy.control.advanceClock(61_000);
    for await (const page of provider.fetchWindow(resourceSpec(provider, 'sleep_summary'), { start: '2025-06-01', end: '2025-06-03' }, { http })) nights.push(...page.records);
    const first = series.find((item) => item.date === nights[0]?.day)?.data as { lightsleepduration: number; deepsleepduration: number; remsleepduration: number };
    expect(dataOf(nights[0]!, 'sleep_period').total_sleep_seconds).toBe(first.lightsleepduration + first.deepsleepduration + first.remsleepduration);
  });

  it('night segments land on the day of the summary they belong to (the user zone, wake-up day)', async () => {
    const provider = createWithingsProvider({ ...sim.withings, requestsPerMinute: 100_000 });
    const http = createAuthorizedHttp({ provider: 'withings', tokens: { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN } });
    const fetchAll = async (resource: string, window: { start: string; end: string }) => {
      const out: NormalizedRecord[] = [];
      for await (const page of provider.fetchWindow(resourceSpec(provider, resource), window, { http })) out.push(...page.records);
      return out;
    };
    const summaries = await fetchAll('sleep_summary', { start: '2025-06-05', end: '2025-06-12' });
    const segments = [
      ...(await fetchAll('sleep_series', { start: '2025-06-08T00:00:00Z', end: '2025-06-09T00:00:00Z' })),
      ...(await fetchAll('sleep_series', { start: '2025-06-09T00:00:00Z', end: '2025-06-10T00:00:00Z' })),
    ];
    expect(segments.length).toBeGreaterThan(10);
    let matched = 0;
    for (const segment of segments) {
      const at = Date.parse(segment.start ?? '');
      const night = summaries.find((summary) => at >= Date.parse(summary.start ?? '') && at < Date.parse(summary.end ?? ''));
      if (night) {
        matched++;
        expect(segment.day, segment.start ?? '').toBe(night.day);
      }
      expect(segment.tzOffset).not.toBeNull();
    }
    expect(matched).toBeGreaterThan(10);
  });

  it('WHOOP percent_recorded is a fraction (workout_record_1.json: 1.0), never a percent', async () => {
    const pages = await allPages(sim, '/v2/activity/workout', { start: '2025-05-16T00:00:00Z', end: '2025-06-15T00:00:00Z', limit: '25' }, TOKEN);
    const values = pages.flatMap((page) => page.records).map((workout) => (workout.score as { percent_recorded?: number } | undefined)?.percent_recorded).filter((value): value is number => typeof value === 'number');
    expect(values.length).toBeGreaterThan(3);
    for (const value of values) expect(value).toBeLessThanOrEqual(1);
  });
});

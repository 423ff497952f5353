/** (c) Paging returns every document exactly once; date-window and validation semantics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { addDays } from '../../src/simulator/time.js';
import type { OuraCollection } from '../../src/simulator/oura/types.js';
import { api, apiJson } from './support/oauth.js';

const NOW = new Date('2025-06-15T16:00:00Z');
const TOKEN = 'paging-token';

interface Page {
  data: Array<Record<string, unknown>>;
  next_token: string | null;
}

async function allPages(sim: StartedSimulator, path: string, between?: (page: number) => void): Promise<{ docs: Array<Record<string, unknown>>; pages: number }> {
  const docs: Array<Record<string, unknown>> = [];
  let token: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = token ? `${path}${sep}next_token=${encodeURIComponent(token)}` : path;
    const response = await apiJson<Page>(sim, url, TOKEN);
    expect(response.status).toBe(200);
    docs.push(...response.body.data);
    token = response.body.next_token;
    pages += 1;
    between?.(pages);
  } while (token);
  return { docs, pages };
}

const ids = (docs: Array<Record<string, unknown>>): string[] => docs.map((d) => String(d.id));

describe('paging', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, days: 200, now: () => NOW, pageSize: 9, heartRatePageSize: 500, personalAccessTokens: [TOKEN] });
    sim.control.oura.releaseLateSleep();
  });
  afterAll(() => sim.close());

  const everything = '?start_date=2000-01-01&end_date=2030-01-01';
  it.each<OuraCollection>(['daily_sleep', 'sleep', 'daily_activity', 'workout', 'session', 'enhanced_tag', 'vO2_max', 'daily_readiness'])(
    '%s: every document exactly once, in order',
    async (collection) => {
      const { docs, pages } = await allPages(sim, `/v2/usercollection/${collection}${everything}`);
      expect(pages).toBeGreaterThan(1);
      expect(new Set(ids(docs)).size).toBe(docs.length);
      expect(new Set(ids(docs))).toEqual(new Set(ids(sim.control.oura.documents(collection))));
    },
  );

  it('stays exact when documents are deleted and re-scored between pages', async () => {
    const expected = new Set(ids(sim.control.oura.documents('sleep')));
    const all = sim.control.oura.documents('sleep');
    const victim = String(all[all.length - 5]?.id);
    const rescoreDay = String(all[all.length - 8]?.day);
    const { docs } = await allPages(sim, `/v2/usercollection/sleep${everything}`, (page) => {
      if (page === 2) {
        sim.control.oura.deleteDocument('sleep', victim);
        sim.control.oura.rescoreDay(rescoreDay);
      }
    });
    expect(new Set(ids(docs)).size).toBe(docs.length);
    expected.delete(victim);
    expect(new Set(ids(docs))).toEqual(expected);
  });

  it('heartrate: a 30-day window pages through every sample once, time-ordered', async () => {
    const query = '?start_datetime=2025-05-10T00:00:00%2B00:00&end_datetime=2025-06-09T00:00:00%2B00:00';
    const { docs, pages } = await allPages(sim, `/v2/usercollection/heartrate${query}`);
    expect(pages).toBeGreaterThan(5);
    const times = docs.map((d) => Number(d.timestamp_unix));
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const from = Date.parse('2025-05-10T00:00:00Z');
    const to = Date.parse('2025-06-09T00:00:00Z');
    expect(times.length).toBe(sim.person.heartRate(from, to).length);
    expect(new Set(docs.map((d) => d.source))).toEqual(new Set(['awake', 'rest', 'workout', 'session']));
  });

  it('rejects an invalid next_token with 400', async () => {
    const response = await api(sim, '/v2/usercollection/sleep?next_token=garbage', TOKEN);
    expect(response.status).toBe(400);
  });

  it('serves the same data under the sandbox alias', async () => {
    const path = 'daily_sleep?start_date=2025-06-01&end_date=2025-06-03';
    const real = await api(sim, `/v2/usercollection/${path}`, TOKEN);
    const sandbox = await api(sim, `/v2/sandbox/usercollection/${path}`, TOKEN);
    expect(sandbox.text).toBe(real.text);
  });

  it('supports fields= selection', async () => {
    const { body } = await apiJson<Page>(sim, '/v2/usercollection/daily_sleep?start_date=2025-06-01&end_date=2025-06-03&fields=day,score', TOKEN);
    expect(Object.keys(body.data[0] ?? {}).sort()).toEqual(['day', 'id', 'score']);
  });
});

describe('date windows (the end_date convention in src/simulator/oura/query.ts)', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, days: 120, now: () => NOW, personalAccessTokens: [TOKEN] });
    sim.control.oura.releaseLateSleep();
  });
  afterAll(() => sim.close());

  const days = async (collection: string, query: string): Promise<string[]> =>
    (await apiJson<Page>(sim, `/v2/usercollection/${collection}?${query}`, TOKEN)).body.data.map((d) => String(d.day));
  const worn = (day: string): boolean => sim.person.day(day)?.flags.missingNight === false;
  /** A day whose night and the next one were both recorded. */
  let D = '';
  beforeAll(() => {
    D = sim.person.history().map((d) => d.day).find((day) => day >= '2025-06-01' && worn(day) && worn(addDays(day, 1))) ?? '';
  });

  it('day documents stamped at midnight: end_date inclusive', async () => {
    expect(worn(D) && worn(addDays(D, 1))).toBe(true);
    expect(await days('daily_readiness', `start_date=${D}&end_date=${D}`)).toEqual([D]);
    expect(await days('daily_sleep', `start_date=${D}&end_date=${addDays(D, 1)}`)).toEqual([D, addDays(D, 1)]);
    expect(await days('daily_stress', `start_date=${D}&end_date=${addDays(D, 1)}`)).toEqual([D, addDays(D, 1)]);
  });

  it('daily_activity (04:00) and sleep (bedtime_end): a date-only end_date excludes that day', async () => {
    expect(await days('daily_activity', `start_date=${D}&end_date=${D}`)).toEqual([]);
    expect(await days('daily_activity', `start_date=${D}&end_date=${addDays(D, 1)}`)).toEqual([D]);
    expect(await days('daily_activity', `start_date=${D}&end_date=${D}T23:59:59`)).toEqual([D]);
    expect(await days('sleep', `start_date=${D}&end_date=${D}`)).toEqual([]);
    const sleepDays = await days('sleep', `start_date=${D}&end_date=${addDays(D, 1)}`);
    expect(new Set(sleepDays)).toEqual(new Set([D]));
  });

  it('start_date after end_date is a 422 shaped like the recorded one', async () => {
    const response = await apiJson(sim, '/v2/usercollection/daily_cardiovascular_age?end_date=2024-11-12&start_date=2025-11-11', TOKEN);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      detail: [{ type: 'value_error', loc: ['query', 'start_date'], msg: 'Start date must be before end date', input: '2025-11-11' }],
    });
  });

  it('unparseable dates are 422; year 0024 is a valid (empty-start) date as recorded', async () => {
    expect((await api(sim, '/v2/usercollection/daily_sleep?start_date=yesterday', TOKEN)).status).toBe(422);
    expect((await api(sim, '/v2/usercollection/daily_sleep?start_date=2025-02-30', TOKEN)).status).toBe(422);
    const old = await apiJson<Page>(sim, '/v2/usercollection/daily_sleep?start_date=0024-11-11&end_date=2025-06-15', TOKEN);
    expect(old.status).toBe(200);
    expect(old.body.data.length).toBe(50);
    expect(old.body.next_token).not.toBeNull();
  });

  it('heartrate windows over 30 days are a 400', async () => {
    const ok = await api(sim, '/v2/usercollection/heartrate?start_datetime=2025-05-01T00:00:00Z&end_datetime=2025-05-31T00:00:00Z', TOKEN);
    expect(ok.status).toBe(200);
    const tooWide = await apiJson(sim, '/v2/usercollection/heartrate?start_datetime=2025-05-01T00:00:00Z&end_datetime=2025-05-31T00:00:01Z', TOKEN);
    expect(tooWide.status).toBe(400);
    expect(typeof (tooWide.body as { detail: unknown }).detail).toBe('string');
  });

  it('unknown collections and documents are 404s like the recorded one', async () => {
    expect((await api(sim, '/v2/usercollection/nope', TOKEN)).status).toBe(404);
    const missing = await apiJson(sim, '/v2/usercollection/sleep/not-existing', TOKEN);
    expect(missing).toMatchObject({ status: 404, body: { detail: 'Document not found.' } });
  });
});

/**
 * `sync --full` and `since` over real HTTP against the simulator (200 days of Oura history, the
 * engine's default window 90 days): a `since` of year 1 costs a handful of requests and says it
 * was clamped; a full sync stores the whole history from the account's first day; a full sync
 * stopped by a spent quota is resumed by the next one without fetching its stored windows again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthorizedHttp, type FetchLike } from '../../src/core/http.js';
import { OURA_EARLIEST_DAY } from '../../src/providers/oura/history-start.js';
import { readBackfill } from '../../src/sync/backfill.js';
import { addDays } from '../../src/core/time/days.js';
import { collectionOf, PATS, startScenario, type Scenario } from './support/scenario-harness.js';

const TODAY = '2025-06-15';
let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const dayResources = (scenario: Scenario) => scenario.provider.resources.filter((spec) => spec.windowing === 'day');

/** Every id the simulator serves for a resource (whole history). */
function truthIds(scenario: Scenario, resource: string): string[] {
  return scenario.sim.control.oura
    .documents(collectionOf(resource) as never)
    .map((doc) => String(doc.id))
    .sort();
}

async function storedIds(scenario: Scenario, resource: string): Promise<string[]> {
  return (await scenario.store.queryRecords({ provider: 'oura', resource })).map((row) => row.id).sort();
}

/** The account's first day: the earliest day of activity or sleep the simulator serves. */
function firstDay(scenario: Scenario): string {
  const days = ['daily_activity', 'daily_sleep', 'sleep'].flatMap((collection) =>
    scenario.sim.control.oura.documents(collection as never).map((doc) => String(doc.day)),
  );
  return days.sort()[0] ?? TODAY;
}

/** Data requests of a collection, optionally only those sent after `afterSeq`. */
function requestsOf(scenario: Scenario, resource: string, afterSeq = 0) {
  return scenario.sim.control.requests(`/oura/v2/usercollection/${collectionOf(resource)}`).filter((entry) => entry.seq > afterSeq);
}

describe('since is clamped to the history start', () => {
  it('since 0001-01-01 sends a handful of requests, stores the whole history and says what it clamped to', async () => {
    s = await startScenario();
    const scenario = s;
    const controller = new AbortController();
    let attempts = 0;
    // The old engine walked 90-day chunks from year 1 (2,001 requests in 30 s): stop it early.
    scenario.onAttempt = () => {
      if (++attempts >= 200) controller.abort();
    };
    const report = await scenario.sync.sync({ resources: ['daily_sleep'], since: '0001-01-01', signal: controller.signal });
    const result = report.results[0];
    expect(result?.status, result?.error?.message).toBe('ok');
    expect(attempts).toBeLessThan(20);
    const first = firstDay(scenario);
    expect(first < addDays(TODAY, -150)).toBe(true);
    expect(result?.notices?.join(' ')).toContain(`since 0001-01-01 is before Oura's history start: synced from ${first}`);
    expect(await storedIds(scenario, 'daily_sleep')).toEqual(truthIds(scenario, 'daily_sleep'));
    // No request asked for a day before the history start except the one probe of the account.
    const early = requestsOf(scenario, 'daily_sleep').filter((entry) => (entry.query.start_date ?? '') < first);
    expect(early.map((entry) => entry.query.start_date)).toEqual([OURA_EARLIEST_DAY]);
  });

  it('a since inside the default history costs no look-up and is kept as given', async () => {
    s = await startScenario();
    const report = await s.sync.sync({ resources: ['daily_sleep'], since: addDays(TODAY, -10) });
    expect(report.results[0]?.notices).toBeUndefined();
    expect(s.sim.control.requests('/oura/v2/usercollection/ring_configuration')).toEqual([]);
    expect(requestsOf(s, 'daily_sleep').map((entry) => entry.query.start_date)).toEqual([addDays(TODAY, -10)]);
  });
});

describe('sync --full backfills the whole history', () => {
  it('keeps to the provider’s request budget and reports progress per window', async () => {
    s = await startScenario({ backfillBudget: { requests: 5, perMs: 400 } });
    const scenario = s;
    const sent: number[] = [];
    scenario.onAttempt = () => sent.push(performance.now());
    const progress: string[] = [];
    const started = performance.now();
    const report = await scenario.sync.sync({ full: true, resources: ['daily_sleep'], onProgress: (p) => progress.push(`${p.resource} ${p.done}/${p.total}`) });
    expect(report.results[0]?.status).toBe('ok');
    expect(sent.length).toBeGreaterThan(10);
    // Request n may be sent only floor((n - 1) / 5) windows after the first: the run cannot be faster.
    expect((sent.at(-1) ?? 0) - started).toBeGreaterThanOrEqual(Math.floor((sent.length - 1) / 5) * 400);
    expect(progress).toEqual(['daily_sleep 1/3', 'daily_sleep 2/3', 'daily_sleep 3/3']);
  });

  it('stores every document from the account’s first day, 200 days back, not just the 90-day window', async () => {
    s = await startScenario();
    const scenario = s;
    const report = await scenario.sync.sync({ full: true });
    const result = report.results[0];
    expect(result?.status, result?.error?.message).toBe('ok');
    const first = firstDay(scenario);
    expect(result?.notices).toContain(`Full sync of Oura from ${first} (the first day of data the Oura account holds).`);
    for (const spec of dayResources(scenario)) {
      expect(await storedIds(scenario, spec.name), spec.name).toEqual(truthIds(scenario, spec.name));
    }
    const stored = await scenario.store.queryRecords({ provider: 'oura', resource: 'daily_sleep', limit: 1 });
    expect((stored[0]?.day ?? TODAY) < addDays(TODAY, -150)).toBe(true);
    const firstSample = await scenario.store.querySamples({ provider: 'oura', series: 'heart_rate', start: 0, end: Date.now(), limit: 1 });
    expect(new Date(firstSample[0]?.ts ?? 0).toISOString().slice(0, 10) < addDays(TODAY, -150)).toBe(true);
    // Found from the account (ring configuration + one probe per probed collection), not by walking empty years.
    const beforeHistory = scenario.sim.control.requests('/oura/v2/usercollection/').filter((entry) => (entry.query.start_date ?? entry.query.start_datetime ?? '9') < addDays(first, -1));
    expect(beforeHistory.map((entry) => entry.path.split('/').pop()).sort()).toEqual(['daily_activity', 'daily_sleep', 'sleep']);
  });

  it('when Oura refuses the wide first-document probes, the known ring set-up times still bound the history', async () => {
    s = await startScenario();
    const scenario = s;
    // Real HTTP to the simulator, except that the wide probes (start_date 2015-01-01) answer 400.
    const refusing: FetchLike = async (input, init) =>
      new URL(String(input)).searchParams.get('start_date') === OURA_EARLIEST_DAY ? new Response('{"detail":"range too wide"}', { status: 400 }) : fetch(input, init);
    const http = createAuthorizedHttp({ provider: 'oura', tokens: { getAccessToken: async () => PATS[0], refreshAfterUnauthorized: async () => PATS[0] }, fetch: refusing });
    const start = await scenario.provider.history?.historyStart({ http });
    const known = scenario.sim.control.oura
      .documents('ring_configuration')
      .map((ring) => String(ring.set_up_at))
      .filter((setUp) => setUp >= '2015');
    expect(known).toHaveLength(1);
    expect(start).toBe(addDays(known[0]?.slice(0, 10) ?? '', -1));
  });

  it('a full sync stopped by a spent quota is resumed by the next one, which fetches no stored window again', async () => {
    s = await startScenario();
    const scenario = s;
    let attempts = 0;
    scenario.onAttempt = () => {
      // Half-way through the backfill the quota is spent for an hour.
      if (++attempts === 40) scenario.sim.control.rateLimitNext(1, { retryAfterSeconds: 3600 });
    };
    const stopped = await scenario.sync.sync({ full: true });
    expect(stopped.results[0]?.error?.code).toBe('RATE_LIMITED');
    expect(stopped.results[0]?.notices?.join(' ')).toContain('run it again (sync --full) to continue where it stopped');
    scenario.onAttempt = null;
    const states = new Map<string, string>();
    for (const spec of dayResources(scenario)) {
      const state = await readBackfill(scenario.store, 'oura', spec.name);
      if (state && state.through > state.start) states.set(spec.name, state.through);
    }
    // Some resources were finished, one was half-way, the rest never started.
    expect(states.size).toBeGreaterThan(1);
    expect(states.size).toBeLessThan(dayResources(scenario).length);
    const mark = scenario.sim.control.requests().at(-1)?.seq ?? 0;
    const progress: Array<{ resource: string; done: number; total: number }> = [];
    const resumed = await scenario.sync.sync({ full: true, onProgress: (p) => progress.push(p) });
    expect(resumed.results[0]?.status, resumed.results[0]?.error?.message).toBe('ok');
    // The history start is not looked up again for the continued backfill.
    expect(scenario.sim.control.requests('/oura/v2/usercollection/ring_configuration').filter((entry) => entry.seq > mark)).toHaveLength(1);
    expect(resumed.results[0]?.notices?.join(' ')).toMatch(/Resumed the interrupted full sync of Oura: \d+ request windows stored earlier were not fetched again/);
    // Progress counts the windows stored before the interruption as done.
    const firstSleepProgress = progress.find((p) => p.resource === 'daily_sleep');
    expect(firstSleepProgress?.done).toBeGreaterThan(1);
    expect(firstSleepProgress?.done).toBe(firstSleepProgress?.total);
    for (const [resource, through] of states) {
      const resumeFrom = through < addDays(TODAY, -7) ? through : addDays(TODAY, -7);
      const refetched = requestsOf(scenario, resource, mark).filter((entry) => (entry.query.start_date ?? '') < resumeFrom);
      expect(refetched, resource).toEqual([]);
    }
    for (const spec of dayResources(scenario)) {
      expect(await storedIds(scenario, spec.name), spec.name).toEqual(truthIds(scenario, spec.name));
      expect((await readBackfill(scenario.store, 'oura', spec.name))?.finishedAt, spec.name).toBeTruthy();
    }
  });
});

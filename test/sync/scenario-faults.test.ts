/** Scenario 4 over real HTTP: a 5xx and a revoked grant in the middle of a sync, then a resume. */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/days.js';
import { PATS, idsOf, reconnect, startScenario, type Scenario } from './support/scenario-harness.js';

const TODAY = '2025-06-15';
const END = addDays(TODAY, 2);

let s: Scenario;
afterEach(async () => s.close());

function isFirstPage(url: string, resource: string, startDate?: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.pathname.endsWith(`/usercollection/${resource}`) &&
    !parsed.searchParams.has('next_token') &&
    (startDate === undefined || parsed.searchParams.get('start_date') === startDate)
  );
}

describe('faults in the middle of a sync', () => {
  it('a 5xx mid-chunk keeps cursor and coverage at the stored data; the next sync ends with exactly the ground truth', async () => {
    s = await startScenario({ historyDays: 120 });
    const secondChunk = addDays(TODAY, -30); // sleep chunks: [−120, −30) and [−30, +2)
    let armed = true;
    s.onAttempt = (event) => {
      if (armed && event.status === 200 && isFirstPage(event.url, 'sleep', secondChunk)) {
        armed = false;
        // The next two requests (page 2 and its one retry) answer 503.
        s.sim.control.failNext(2, { pathPrefix: '/oura/v2/usercollection/sleep' });
      }
    };
    const failed = await s.sync.sync();
    expect(armed).toBe(false);
    expect(failed.results[0]).toMatchObject({ status: 'partial' });
    expect(failed.results[0]?.error?.code).toBe('UPSTREAM_ERROR');
    expect(await s.store.getCursor('oura', 'sleep')).toBe(secondChunk);
    expect(await s.store.getCursor('oura', 'daily_sleep')).toBe(END);
    expect(await s.store.missingWindows('oura', 'sleep', { start: addDays(TODAY, -120), end: addDays(TODAY, -1) })).toEqual([
      { start: secondChunk, end: addDays(TODAY, -1) },
    ]);
    const partial = await idsOf(s, 'sleep', secondChunk, END);
    // The chunk is one unit of work: its first page, fetched before the fault, is not stored either.
    expect(partial.truth.length).toBeGreaterThan(0);
    expect(partial.stored).toEqual([]);
    const run = (await s.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0];
    expect(run?.status).toBe('partial');
    expect(run?.error).toMatch(/^sleep: UPSTREAM_ERROR/);

    const resumed = await s.sync.sync();
    expect(resumed.results[0]?.status).toBe('ok');
    for (const resource of ['sleep', 'daily_sleep', 'workout']) {
      const ids = await idsOf(s, resource, addDays(TODAY, -120), END);
      expect(ids.stored, resource).toEqual(ids.truth);
    }
    expect(await s.store.getCursor('oura', 'sleep')).toBe(END);
  });

  it('a revoked grant mid-sync stops the provider run without secrets; after reconnecting the sync completes', async () => {
    s = await startScenario({ historyDays: 30 });
    let armed = true;
    s.onAttempt = (event) => {
      if (armed && event.status === 200 && isFirstPage(event.url, 'sleep')) {
        armed = false;
        s.sim.control.revokeAllTokens(); // the user revokes access in Oura's web app
      }
    };
    const failed = await s.sync.sync();
    expect(failed.results[0]?.status).toBe('partial');
    expect(failed.results[0]?.error?.code).toBe('AUTH_FAILED');
    expect(failed.results[0]?.error?.hint).toContain('connect oura');
    const run = (await s.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0];
    expect(run?.counts.daily_sleep?.created).toBeGreaterThan(0);
    expect(run?.counts.daily_activity?.fetched).toBe(0); // not attempted after the revocation
    for (const text of [run?.error ?? '', s.lines.join('\n'), JSON.stringify(failed)]) {
      for (const token of PATS) expect(text).not.toContain(token);
    }
    expect(await s.store.getCursor('oura', 'sleep')).toBeNull();
    expect(await s.store.getCursor('oura', 'daily_sleep')).toBe(END);

    await reconnect(s);
    const resumed = await s.sync.sync();
    expect(resumed.results[0]?.status).toBe('ok');
    for (const spec of s.provider.resources.filter((resource) => resource.windowing === 'day')) {
      const ids = await idsOf(s, spec.name, addDays(TODAY, -30), END);
      expect(ids.stored, spec.name).toEqual(ids.truth);
    }
  });
});

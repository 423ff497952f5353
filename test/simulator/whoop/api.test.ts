/**
 * The WHOOP simulator's API: every route validates against the official v2 spec, lists are
 * start-filtered, sorted by start descending and paged exactly once, the ongoing cycle has no
 * end, late scores arrive (PENDING_SCORE → SCORED), re-scores keep ids and start, deletions 404,
 * and both request budgets answer with WHOOP's X-RateLimit-* headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeShared } from '../../support/shared.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { allPages, whoopChecker, whoopGet, whoopSchema, type WhoopPage } from './support.js';

const NOW = new Date('2025-06-15T16:00:00Z');
const TOKEN = 'whoop-sim-test-token';
const WINDOW = { start: '2025-04-01T00:00:00.000Z', end: '2025-06-16T00:00:00.000Z' };
const LISTS = [
  ['/v2/cycle', '/v2/cycle'],
  ['/v2/recovery', '/v2/recovery'],
  ['/v2/activity/sleep', '/v2/activity/sleep'],
  ['/v2/activity/workout', '/v2/activity/workout'],
] as const;

describeShared('WHOOP simulator API', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, days: 120, now: () => NOW, personalAccessTokens: [TOKEN] });
  });
  afterAll(() => sim.close());

  it.each(LISTS)('%s: every page validates against the spec; limit 25, each record exactly once, start-filtered, newest first', async (path) => {
    const schema = whoopSchema(path);
    const pages = await allPages(sim, path, { ...WINDOW, limit: '25' }, TOKEN);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(whoopChecker().check(schema, page)).toEqual([]);
    const records = pages.flatMap((page) => page.records);
    expect(pages.slice(0, -1).every((page) => page.records.length === 25)).toBe(true);
    const key = (record: Record<string, unknown>) => String(record.id ?? record.cycle_id);
    expect(new Set(records.map(key)).size).toBe(records.length);
    if (path !== '/v2/recovery') {
      const starts = records.map((record) => Date.parse(String(record.start)));
      expect(starts.every((start) => start >= Date.parse(WINDOW.start) && start < Date.parse(WINDOW.end))).toBe(true);
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    }
  });

  it('single records, the sleep and recovery of a cycle, and the snapshots validate; unknown ids are 404', async () => {
    const [cycle] = (await whoopGet<WhoopPage>(sim, '/v2/cycle?limit=2', TOKEN)).body.records;
    const [sleep] = (await whoopGet<WhoopPage>(sim, '/v2/activity/sleep?limit=1', TOKEN)).body.records;
    const [workout] = (await whoopGet<WhoopPage>(sim, '/v2/activity/workout?limit=1', TOKEN)).body.records;
    const routes: Array<[string, string]> = [
      [`/v2/cycle/${cycle?.id}`, '/v2/cycle/{cycleId}'],
      [`/v2/cycle/${cycle?.id}/sleep`, '/v2/cycle/{cycleId}/sleep'],
      [`/v2/cycle/${cycle?.id}/recovery`, '/v2/cycle/{cycleId}/recovery'],
      [`/v2/activity/sleep/${sleep?.id}`, '/v2/activity/sleep/{sleepId}'],
      [`/v2/activity/workout/${workout?.id}`, '/v2/activity/workout/{workoutId}'],
      ['/v2/user/profile/basic', '/v2/user/profile/basic'],
      ['/v2/user/measurement/body', '/v2/user/measurement/body'],
    ];
    for (const [path, specPath] of routes) {
      const answer = await whoopGet(sim, path, TOKEN);
      expect(answer.status, path).toBe(200);
      expect(whoopChecker().check(whoopSchema(specPath), answer.body), path).toEqual([]);
    }
    const cycleSleep = (await whoopGet(sim, `/v2/cycle/${cycle?.id}/sleep`, TOKEN)).body;
    expect(cycleSleep).toMatchObject({ cycle_id: cycle?.id, nap: false, start: cycle?.start });
    expect((await whoopGet(sim, '/v2/cycle/1', TOKEN)).status).toBe(404);
    expect((await whoopGet(sim, '/v2/activity/sleep/00000000-0000-4000-8000-000000000000', TOKEN)).status).toBe(404);
    expect((await whoopGet(sim, '/v2/cycle?limit=26', TOKEN)).status).toBe(400);
  });

  it('cycles run from one sleep onset to the next; the current one has no end; naps belong to the cycle they fall in', async () => {
    const cycles = sim.control.whoop.records('cycle');
    const sleeps = sim.control.whoop.records('sleep');
    const last = cycles[cycles.length - 1];
    expect(last).toBeDefined();
    expect(last).not.toHaveProperty('end');
    for (const [index, cycle] of cycles.slice(0, -1).entries()) expect(cycle.end).toBe(cycles[index + 1]?.start);
    for (const sleep of sleeps) {
      const cycle = cycles.find((candidate) => candidate.id === sleep.cycle_id);
      expect(cycle, String(sleep.id)).toBeDefined();
      if (sleep.nap === false) expect(sleep.start).toBe(cycle?.start);
      else expect(String(sleep.start) >= String(cycle?.start) && (!cycle?.end || String(sleep.start) < String(cycle.end))).toBe(true);
    }
    expect(sleeps.some((sleep) => sleep.nap === true)).toBe(true);
  });

  it('the latest night is PENDING_SCORE until its scores arrive, then SCORED with a later updated_at and the same start', async () => {
    const day = sim.control.whoop.heldNight() as string;
    const cycleId = sim.control.whoop.cycleIdOf(day);
    const before = (await whoopGet(sim, `/v2/cycle/${cycleId}/recovery`, TOKEN)).body;
    const sleepBefore = (await whoopGet(sim, `/v2/cycle/${cycleId}/sleep`, TOKEN)).body;
    expect(before).toMatchObject({ score_state: 'PENDING_SCORE' });
    expect(before).not.toHaveProperty('score');
    sim.control.advanceClock(60_000);
    sim.control.whoop.releaseLateScores();
    const after = (await whoopGet(sim, `/v2/cycle/${cycleId}/recovery`, TOKEN)).body;
    const sleepAfter = (await whoopGet(sim, `/v2/cycle/${cycleId}/sleep`, TOKEN)).body;
    expect(after).toMatchObject({ score_state: 'SCORED', score: { recovery_score: expect.any(Number) } });
    expect(String(after.updated_at) > String(before.updated_at)).toBe(true);
    expect(sleepAfter.start).toBe(sleepBefore.start);
  });

  it('a re-score keeps id and start but changes content and updated_at; a deleted record is gone', async () => {
    const day = '2025-06-01';
    const cycleId = sim.control.whoop.cycleIdOf(day);
    const sleepBefore = (await whoopGet(sim, `/v2/cycle/${cycleId}/sleep`, TOKEN)).body;
    sim.control.advanceClock(60_000);
    const keys = sim.control.whoop.rescoreNight(day);
    expect(keys).toEqual([`sleep/${sleepBefore.id}`, `recovery/${cycleId}`, `cycle/${cycleId}`]);
    const sleepAfter = (await whoopGet(sim, `/v2/cycle/${cycleId}/sleep`, TOKEN)).body;
    expect(sleepAfter).toMatchObject({ id: sleepBefore.id, start: sleepBefore.start });
    expect(sleepAfter.updated_at).not.toBe(sleepBefore.updated_at);
    expect(sleepAfter.score).not.toEqual(sleepBefore.score);

    const workout = sim.control.whoop.records('workout')[3] as { id: string };
    expect(sim.control.whoop.deleteRecord('workout', workout.id)).toBe(true);
    expect((await whoopGet(sim, `/v2/activity/workout/${workout.id}`, TOKEN)).status).toBe(404);
    expect(sim.control.whoop.records('workout').map((record) => record.id)).not.toContain(workout.id);
  });

  it('reports its budgets in X-RateLimit-* headers', async () => {
    const answer = await whoopGet(sim, '/v2/user/measurement/body', TOKEN);
    expect(answer.headers.get('x-ratelimit-limit')).toMatch(/^\d+, 100;window=60, 10000;window=86400$/);
    expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
    expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });
});

describe('WHOOP simulator budgets', () => {
  it('answers 429 once the daily budget is spent, with the day window in the headers', async () => {
    const sim = await startSimulator({ seed: 3, days: 20, now: () => NOW, personalAccessTokens: [TOKEN], whoop: { rateLimitPerDay: 5 } });
    try {
      for (let i = 0; i < 5; i++) expect((await whoopGet(sim, '/v2/user/measurement/body', TOKEN)).status).toBe(200);
      const refused = await whoopGet(sim, '/v2/user/measurement/body', TOKEN);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-ratelimit-limit')).toBe('5, 100;window=60, 5;window=86400');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      // 16:00Z: eight hours until the day window resets.
      expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(8 * 3600);
      expect(sim.control.whoop.counters().rateLimited).toBe(1);
    } finally {
      await sim.close();
    }
  });
});

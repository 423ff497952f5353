/** Scenarios 1 and 5 over real HTTP: the first 90-day sync, a repeat, and what is requested. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/days.js';
import { allEvents } from './support/engine-harness.js';
import { collectionOf, startScenario, type Scenario } from './support/scenario-harness.js';

const TODAY = '2025-06-15';
const FIRST_DAY = addDays(TODAY, -90);
const END_DAY = addDays(TODAY, 2);

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
});
afterAll(async () => s.close());

/** The simulator's documents of a resource inside the engine's history window, keyed by id. */
function truth(resource: string): Map<string, Record<string, unknown>> {
  // As served over HTTP (JSON has no -0).
  const docs = JSON.parse(JSON.stringify(s.sim.control.oura.documents(collectionOf(resource) as never))) as Array<Record<string, unknown>>;
  return new Map(
    docs.filter((doc) => inHistory(doc)).map((doc) => [String(doc.id), doc]),
  );
}

/** A document's local day as Oura gives it (`start_day` for tags and rest mode); none for snapshots. */
function inHistory(doc: Record<string, unknown>): boolean {
  const day = doc.day ?? doc.start_day;
  return typeof day !== 'string' || (day >= FIRST_DAY && day < END_DAY);
}

async function stored(resource: string): Promise<Map<string, unknown>> {
  const rows = await s.store.queryRecords({ provider: 'oura', resource });
  return new Map(rows.map((row) => [row.id, row.raw]));
}

const documentResources = () => s.provider.resources.filter((spec) => spec.kind === 'document' && spec.name !== 'personal_info');

describe('first sync of 90 days against the simulator', () => {
  it('stores exactly the simulator ground truth of every collection, each document once', async () => {
    const report = await s.sync.sync();
    expect(report.results).toHaveLength(1);
    expect(report.results[0]?.error).toBeUndefined();
    expect(report.results[0]?.status).toBe('ok');
    let total = 0;
    for (const spec of documentResources()) {
      const expected = truth(spec.name);
      const actual = await stored(spec.name);
      expect([...actual.keys()].sort(), spec.name).toEqual([...expected.keys()].sort());
      for (const [id, doc] of expected) expect(actual.get(id), `${spec.name}/${id}`).toEqual(doc);
      expect(report.results[0]?.counts[spec.name]?.created, spec.name).toBe(expected.size);
      total += expected.size;
    }
    expect(total).toBeGreaterThan(500);
    expect(await s.store.countRecords({ provider: 'oura', resource: 'personal_info' })).toBe(1);
    expect(report.results[0]?.counts.heartrate?.created).toBeGreaterThan(10_000);
  });

  it('a second sync right after changes nothing and adds no events', async () => {
    const before = (await allEvents(s.store)).length;
    s.sim.control.clearRequests();
    const report = await s.sync.sync();
    expect(report.results[0]?.status).toBe('ok');
    for (const [resource, counts] of Object.entries(report.results[0]?.counts ?? {})) {
      expect({ resource, created: counts.created, updated: counts.updated, deleted: counts.deleted }).toEqual({ resource, created: 0, updated: 0, deleted: 0 });
    }
    expect((await allEvents(s.store)).length).toBe(before);
  });

  it('the incremental run requested only [min(cursor, today) − overlap, today + 2) per resource', () => {
    for (const spec of s.provider.resources) {
      const path = `/oura/v2/usercollection/${collectionOf(spec.name)}`;
      const requests = s.sim.control.requests(path).filter((request) => request.path === path && !request.query.next_token);
      expect(requests.length, spec.name).toBe(1);
      const query = requests[0]?.query ?? {};
      if (spec.windowing === 'day') {
        expect({ resource: spec.name, start: query.start_date, end: query.end_date }).toEqual({
          resource: spec.name,
          start: addDays(TODAY, -spec.overlapDays),
          end: END_DAY,
        });
      } else if (spec.windowing === 'datetime') {
        expect(Date.parse(query.start_datetime ?? '')).toBe(Date.parse('2025-06-15T12:00:00Z') - spec.overlapDays * 86_400_000);
        expect(Date.parse(query.end_datetime ?? '')).toBe(Date.parse('2025-06-15T12:00:00Z'));
      }
    }
  });

  it('ensureCovered on a half-synced range requests only the missing part', async () => {
    // Coverage so far: [FIRST_DAY, today − 1). Ask for 20 days before the history and 10 inside it.
    const window = { start: addDays(FIRST_DAY, -20), end: addDays(FIRST_DAY, 10) };
    s.sim.control.clearRequests();
    const result = await s.sync.ensureCovered('oura', 'daily_sleep', window);
    expect(result.missing).toEqual([{ start: window.start, end: FIRST_DAY }]);
    const requests = s.sim.control.requests('/oura/v2/usercollection/daily_sleep').filter((request) => !request.query.next_token);
    expect(requests.map((request) => [request.query.start_date, request.query.end_date])).toEqual([[window.start, FIRST_DAY]]);
    expect(await s.store.missingWindows('oura', 'daily_sleep', window)).toEqual([]);
    const older = truth('daily_sleep');
    const all = s.sim.control.oura.documents('daily_sleep').filter((doc) => String(doc.day) >= window.start && String(doc.day) < FIRST_DAY);
    expect(all.length).toBeGreaterThan(15);
    for (const doc of all) expect(await s.store.getRecord('oura', 'daily_sleep', String(doc.id))).not.toBeNull();
    expect(older.size).toBeGreaterThan(0);
  });

  it('logs counts and durations only, never tokens or payload content', () => {
    const text = s.lines.join('\n');
    expect(text).toContain('"msg":"sync resource done"');
    for (const secret of ['pat-scenario-first-token', 'bedtime_start', 'contributors']) expect(text).not.toContain(secret);
  });
});

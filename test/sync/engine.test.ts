import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './support/engine-harness.js';
import { allEvents, createHarness } from './support/engine-harness.js';
import { doc, type FakeProvider } from './support/fake-provider.js';

const DAY_MS = 86_400_000;
const dayList = (first: string, count: number) =>
  Array.from({ length: count }, (_, index) => new Date(Date.parse(`${first}T00:00:00Z`) + index * DAY_MS).toISOString().slice(0, 10));

/** 100 days of daily_sleep ending today (2024-06-15), a workout every third day, a profile. */
function seed(provider: FakeProvider): void {
  for (const [index, day] of dayList('2024-03-08', 100).entries()) {
    provider.put(doc(provider.id, 'daily_sleep', day, 70 + (index % 20)));
    if (index % 3 === 0) provider.put(doc(provider.id, 'workout', day, index));
  }
  provider.put(doc(provider.id, 'profile', null, 1, 'me'));
}

async function storedDocs(h: Harness, resource: string) {
  const rows = await h.store.queryRecords({ provider: 'oura', resource });
  return rows.map((row) => ({ id: row.id, data: row.data }));
}

function truth(provider: FakeProvider, resource: string, fromDay: string) {
  return [...(provider.documents.get(resource)?.values() ?? [])]
    .filter((record) => record.day === null || record.day >= fromDay)
    .sort((a, b) => (a.day ?? '').localeCompare(b.day ?? ''))
    .map((record) => ({ id: record.id, data: record.data }));
}

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ historyDays: 60 });
  seed(h.oura);
});
afterEach(async () => h.close());

describe('sync: first and repeated runs', () => {
  it('stores exactly the history window, then a repeat run changes nothing and adds no events', async () => {
    const first = await h.sync.sync({ providers: ['oura'] });
    expect(first.results).toHaveLength(1);
    expect(first.results[0]).toMatchObject({ provider: 'oura', status: 'ok' });
    expect(await storedDocs(h, 'daily_sleep')).toEqual(truth(h.oura, 'daily_sleep', '2024-04-16'));
    expect(await storedDocs(h, 'workout')).toEqual(truth(h.oura, 'workout', '2024-04-16'));
    expect(await storedDocs(h, 'profile')).toEqual(truth(h.oura, 'profile', ''));
    expect(first.results[0]?.counts.daily_sleep).toMatchObject({ fetched: 61, created: 61, updated: 0, deleted: 0 });
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBe('2024-06-17');
    // Closed days are covered; today and yesterday stay open so a late night is re-fetched.
    expect(await h.store.missingWindows('oura', 'daily_sleep', { start: '2024-04-16', end: '2024-06-17' })).toEqual([
      { start: '2024-06-14', end: '2024-06-17' },
    ]);

    const eventsBefore = (await allEvents(h.store)).length;
    h.oura.requests.length = 0;
    const second = await h.sync.sync({ providers: ['oura'] });
    const counts = second.results[0]?.counts ?? {};
    for (const resource of ['daily_sleep', 'workout', 'profile']) {
      expect(counts[resource]).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect((await allEvents(h.store)).length).toBe(eventsBefore);
    // Incremental: only [min(cursor, today) − overlap, today + 2) is asked again.
    expect(h.oura.requests.filter((request) => request.resource === 'daily_sleep').map((request) => request.window)).toEqual([
      { start: '2024-06-08', end: '2024-06-17' },
    ]);
    const runs = await h.store.listSyncRuns({ provider: 'oura' });
    expect(runs.map((run) => [run.mode, run.status])).toEqual([
      ['incremental', 'ok'],
      ['incremental', 'ok'],
    ]);
  });

  it('catches a re-scored, a late and a deleted document inside the overlap window, one event each', async () => {
    h.oura.remove('daily_sleep', 'daily_sleep-2024-06-15');
    await h.sync.sync({ providers: ['oura'] });
    const before = (await allEvents(h.store)).length;
    h.clock.set('2024-06-15T18:00:00.000Z');
    h.oura.put(doc('oura', 'daily_sleep', '2024-06-15', 88)); // arrives late
    h.oura.put(doc('oura', 'daily_sleep', '2024-06-12', 99)); // re-scored
    h.oura.remove('workout', 'workout-2024-06-12'); // deleted upstream
    const report = await h.sync.sync({ providers: ['oura'] });
    expect(report.results[0]?.counts.daily_sleep).toMatchObject({ created: 1, updated: 1, deleted: 0 });
    expect(report.results[0]?.counts.workout).toMatchObject({ created: 0, updated: 0, deleted: 1 });
    const events = (await allEvents(h.store)).slice(before);
    expect(events.map((event) => [event.resource, event.id, event.change]).sort()).toEqual([
      ['daily_sleep', 'daily_sleep-2024-06-12', 'updated'],
      ['daily_sleep', 'daily_sleep-2024-06-15', 'created'],
      ['workout', 'workout-2024-06-12', 'deleted'],
    ]);
    expect(await storedDocs(h, 'workout')).toEqual(truth(h.oura, 'workout', '2024-04-16'));
  });
});

describe('sync: failures and resumption', () => {
  it('a 5xx mid-chunk leaves cursor and coverage at the last stored chunk; the next run completes', async () => {
    // Chunks of 30 days: fail on the second page of the third chunk of daily_sleep.
    h.oura.fault = (resource, window, page) => resource === 'daily_sleep' && window.start === '2024-05-16' && page === 1;
    const failed = await h.sync.sync({ providers: ['oura'] });
    expect(failed.results[0]).toMatchObject({ status: 'partial' });
    expect(failed.results[0]?.error?.code).toBe('UPSTREAM_ERROR');
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBe('2024-05-16');
    expect(await h.store.missingWindows('oura', 'daily_sleep', { start: '2024-04-16', end: '2024-06-14' })).toEqual([
      { start: '2024-05-16', end: '2024-06-14' },
    ]);
    // The two complete chunks are stored; nothing of the failed chunk (its first page included).
    expect(await h.store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(30);
    const run = (await h.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0];
    expect(run).toMatchObject({ status: 'partial' });
    expect(run?.error).toContain('daily_sleep: UPSTREAM_ERROR');
    expect(run?.counts.daily_sleep).toMatchObject({ created: 30 });

    h.oura.fault = null;
    const resumed = await h.sync.sync({ providers: ['oura'] });
    expect(resumed.results[0]?.status).toBe('ok');
    expect(await storedDocs(h, 'daily_sleep')).toEqual(truth(h.oura, 'daily_sleep', '2024-04-16'));
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBe('2024-06-17');
  });

  it('one provider failing never stops the other; all resources failing is `failed`', async () => {
    seed(h.whoop);
    h.oura.fault = () => true;
    const report = await h.sync.sync();
    const byProvider = Object.fromEntries(report.results.map((result) => [result.provider, result.status]));
    expect(byProvider).toEqual({ oura: 'failed', whoop: 'ok' });
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBeNull();
    expect(await h.store.countRecords({ provider: 'whoop', resource: 'daily_sleep' })).toBe(61);
  });

  it('skips unconnected providers by default and records NOT_CONNECTED when one is asked for', async () => {
    h.connected.delete('whoop');
    expect((await h.sync.sync()).results.map((result) => result.provider)).toEqual(['oura']);
    const asked = await h.sync.sync({ providers: ['whoop'] });
    expect(asked.results[0]).toMatchObject({ provider: 'whoop', status: 'failed' });
    expect(asked.results[0]?.error?.code).toBe('NOT_CONNECTED');
    expect(h.whoop.requests).toEqual([]);
  });

  it('cancellation stops between pages without moving the cursor past stored data', async () => {
    const controller = new AbortController();
    const report = await h.sync.sync({
      providers: ['oura'],
      resources: ['daily_sleep'],
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done === 1) controller.abort();
      },
    });
    expect(report.results[0]?.status).toBe('failed');
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBe('2024-05-16');
  });

  it('reports progress after each stored chunk', async () => {
    const progress: Array<[number, number, number]> = [];
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'], onProgress: (p) => progress.push([p.done, p.total, p.fetched]) });
    expect(progress).toEqual([
      [1, 3, 30],
      [2, 3, 60],
      [3, 3, 61],
    ]);
  });

  it('rejects bad input before fetching anything', async () => {
    await expect(h.sync.sync({ since: '2024-13-01' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.sync.sync({ since: '2030-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.sync.sync({ since: '2024-06-17' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.sync.sync({ resources: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.sync.sync({ providers: ['garmin' as never] })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(h.oura.requests).toEqual([]);
  });
});

describe('sync: cursor rules', () => {
  it('a since run after a gap leaves the cursor, so the gap is fetched by the next incremental run', async () => {
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    h.clock.set('2024-07-15T10:00:00.000Z');
    for (const day of dayList('2024-06-16', 30)) h.oura.put(doc('oura', 'daily_sleep', day, 50));
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'], since: '2024-07-10' });
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBe('2024-06-17');
    h.oura.requests.length = 0;
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    expect(h.oura.requests[0]?.window.start).toBe('2024-06-10');
    expect(await storedDocs(h, 'daily_sleep')).toEqual(truth(h.oura, 'daily_sleep', '2024-04-16'));
  });

  it('full re-fetches the history window ignoring the cursor and reconciles deletions in it', async () => {
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    h.oura.remove('daily_sleep', 'daily_sleep-2024-04-20'); // far outside the overlap
    const incremental = await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    expect(incremental.results[0]?.counts.daily_sleep?.deleted).toBe(0);
    h.oura.requests.length = 0;
    const full = await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'], full: true });
    expect(full.results[0]?.counts.daily_sleep).toMatchObject({ deleted: 1, created: 0, updated: 0 });
    expect(h.oura.requests[0]?.window.start).toBe('2024-04-16');
    expect((await h.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0]?.mode).toBe('full');
  });
});

describe('concurrency', () => {
  it('a second sync of a running provider joins it instead of running twice', async () => {
    const [a, b] = await Promise.all([h.sync.sync({ providers: ['oura'] }), h.sync.sync({ providers: ['oura'] })]);
    expect(a.results[0]?.runId).toBe(b.results[0]?.runId);
    expect(await h.store.listSyncRuns({ provider: 'oura' })).toHaveLength(1);
  });

  it('ensureCovered waits for a running sync and then fetches nothing it already stored', async () => {
    const running = h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    const covered = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-05-10' });
    await running;
    expect(covered.missing).toEqual([{ start: '2024-05-01', end: '2024-05-10' }]);
    expect(h.oura.requests.filter((request) => request.window.start === '2024-05-01')).toEqual([]);
    expect(await h.store.listSyncRuns({ provider: 'oura' })).toHaveLength(1);
  });
});

describe('logs', () => {
  it('carry counts and durations per resource and run, never record content', async () => {
    h.oura.put(doc('oura', 'daily_sleep', '2024-06-01', 123456789));
    await h.sync.sync({ providers: ['oura'] });
    const entries = h.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const resourceLine = entries.find((entry) => entry.msg === 'sync resource done' && entry.resource === 'daily_sleep');
    expect(resourceLine).toMatchObject({ provider: 'oura', created: 61, fetched: 61 });
    expect(typeof resourceLine?.durationMs).toBe('number');
    expect(entries.some((entry) => entry.msg === 'sync run finished' && entry.status === 'ok')).toBe(true);
    expect(h.lines.join('\n')).not.toContain('123456789');
  });
});

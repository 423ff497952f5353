import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/core/types.js';
import type { Harness } from './support/engine-harness.js';
import { createHarness } from './support/engine-harness.js';
import { doc } from './support/fake-provider.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const T0 = Date.parse('2024-06-01T00:00:00.000Z');

function beat(ts: number, value: number): Sample {
  return { provider: 'oura', series: 'heart_rate', ts, value, source: 'awake' };
}

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ historyDays: 30 });
  for (let day = 0; day < 40; day++) {
    const date = new Date(Date.parse('2024-05-07T00:00:00Z') + day * DAY_MS).toISOString().slice(0, 10);
    h.oura.put(doc('oura', 'daily_sleep', date, day));
  }
});
afterEach(async () => h.close());

describe('ensureCovered', () => {
  it('fetches only the part of a half-synced window that was never synced (mode targeted)', async () => {
    await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-20', end: '2024-05-25' });
    h.oura.requests.length = 0;
    const result = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-30' });
    expect(result.missing).toEqual([
      { start: '2024-05-15', end: '2024-05-20' },
      { start: '2024-05-25', end: '2024-05-30' },
    ]);
    expect(result.unfetched).toEqual([]);
    expect(h.oura.requests.map((request) => request.window)).toEqual(result.missing);
    expect(await h.store.countRecords({ provider: 'oura', resource: 'daily_sleep', startDay: '2024-05-15', endDay: '2024-05-29' })).toBe(15);
    expect((await h.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0]).toMatchObject({ mode: 'targeted', status: 'ok' });
    // Targeted fills never create a sync frontier: the first incremental run still fetches the history.
    expect(await h.store.getCursor('oura', 'daily_sleep')).toBeNull();

    h.oura.requests.length = 0;
    expect((await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-30' })).missing).toEqual([]);
    expect(h.oura.requests).toEqual([]);
  });

  it('re-checks the still-open recent days once the freshness window passed, so last night arriving late is found', async () => {
    h.oura.remove('daily_sleep', 'daily_sleep-2024-06-15');
    await h.sync.sync({ providers: ['oura'] });
    h.oura.put(doc('oura', 'daily_sleep', '2024-06-15', 77));
    h.clock.set('2024-06-15T19:00:00.000Z');
    h.oura.requests.length = 0;
    // The cache can answer (older days are there): answered now, the open days re-checked after.
    const result = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-06-10', end: '2024-06-16' });
    expect(result).toMatchObject({ missing: [], backgroundRefresh: true, checkedAt: '2024-06-15T10:00:00.000Z' });
    await h.sync.idle();
    expect(h.oura.requests.map((request) => request.window)).toEqual([{ start: '2024-06-14', end: '2024-06-16' }]);
    expect(await h.store.getRecord('oura', 'daily_sleep', 'daily_sleep-2024-06-15')).not.toBeNull();
    const again = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-06-10', end: '2024-06-16' });
    expect(again).toEqual({ missing: [], unfetched: [], checkedAt: '2024-06-15T19:00:00.000Z' });
  });

  it('starts one background re-check for concurrent stale reads of the same window, and a failing one is logged, not thrown', async () => {
    await h.sync.sync({ providers: ['oura'] });
    const window = { start: '2024-06-10', end: '2024-06-16' };
    h.clock.set('2024-06-15T10:06:00.000Z');
    h.oura.requests.length = 0;
    const results = await Promise.all([1, 2, 3].map(() => h.sync.ensureCovered('oura', 'daily_sleep', window)));
    for (const result of results) expect(result).toMatchObject({ missing: [], backgroundRefresh: true });
    await h.sync.idle();
    expect(h.oura.requests).toHaveLength(1);

    h.clock.set('2024-06-15T10:12:00.000Z');
    h.oura.fault = () => true;
    h.oura.requests.length = 0;
    expect(await h.sync.ensureCovered('oura', 'daily_sleep', window)).toMatchObject({ backgroundRefresh: true, checkedAt: '2024-06-15T10:06:00.000Z' });
    await h.sync.idle();
    expect(h.oura.requests.length).toBeGreaterThan(0);
    expect(h.lines.some((line) => line.includes('background re-check failed'))).toBe(true);
    // The check did not move: the next read tries again.
    h.oura.fault = null;
    expect(await h.sync.ensureCovered('oura', 'daily_sleep', window)).toMatchObject({ backgroundRefresh: true, checkedAt: '2024-06-15T10:06:00.000Z' });
    await h.sync.idle();
    expect((await h.sync.ensureCovered('oura', 'daily_sleep', window)).checkedAt).toBe('2024-06-15T10:12:00.000Z');
  });

  it('does nothing when the provider is not connected and says what is missing', async () => {
    h.connected.delete('oura');
    const result = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-20' });
    expect(result).toEqual({ missing: [{ start: '2024-05-15', end: '2024-05-20' }], unfetched: [{ start: '2024-05-15', end: '2024-05-20' }], checkedAt: null });
    expect(h.oura.requests).toEqual([]);
    expect(await h.store.listSyncRuns({ provider: 'oura' })).toEqual([]);
  });

  it('throws when nothing could be fetched and the cache is empty, reports when it has data', async () => {
    h.oura.fault = () => true;
    await expect(h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-20' })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    h.oura.fault = null;
    await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-17' });
    h.oura.fault = () => true;
    const result = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-05-15', end: '2024-05-20' });
    expect(result.error?.code).toBe('UPSTREAM_ERROR');
    expect(result.unfetched).toEqual([{ start: '2024-05-17', end: '2024-05-20' }]);
  });

  it('clips windows to what can exist and rejects malformed ones', async () => {
    const result = await h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-06-10', end: '2030-01-01' });
    expect(result.missing).toEqual([{ start: '2024-06-10', end: '2024-06-17' }]);
    await expect(h.sync.ensureCovered('oura', 'daily_sleep', { start: '2024-06-10', end: '2024-06-01' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(h.sync.ensureCovered('oura', 'sleepz', { start: '2024-06-01', end: '2024-06-02' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});

describe('refreshWindow', () => {
  it('writes a re-fetched window through, reconciles it and records mode fresh', async () => {
    await h.sync.sync({ providers: ['oura'], resources: ['daily_sleep'] });
    h.oura.put(doc('oura', 'daily_sleep', '2024-05-20', 500));
    h.oura.remove('daily_sleep', 'daily_sleep-2024-05-21');
    await h.sync.refreshWindow('oura', 'daily_sleep', { start: '2024-05-20', end: '2024-05-22' });
    expect((await h.store.getRecord('oura', 'daily_sleep', 'daily_sleep-2024-05-20'))?.data).toEqual({ value: 500 });
    expect(await h.store.getRecord('oura', 'daily_sleep', 'daily_sleep-2024-05-21')).toBeNull();
    expect((await h.store.listSyncRuns({ provider: 'oura', limit: 1 }))[0]).toMatchObject({ mode: 'fresh', status: 'ok' });
  });

  it('throws NOT_CONNECTED with a next step when the provider is not connected', async () => {
    h.connected.delete('oura');
    await expect(h.sync.refreshWindow('oura', 'daily_sleep', { start: '2024-05-20', end: '2024-05-22' })).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
      hint: expect.stringContaining('connect oura'),
    });
  });
});

describe('heart rate series', () => {
  it('catches late samples, removes stale ones, and a repeat run writes nothing', async () => {
    for (let index = 0; index < 24 * 14; index++) h.oura.samples.set(T0 + index * HOUR_MS, beat(T0 + index * HOUR_MS, 60 + (index % 9)));
    const first = await h.sync.sync({ providers: ['oura'], resources: ['heartrate'] });
    expect(first.results[0]?.counts.heartrate).toMatchObject({ fetched: 24 * 14, created: 24 * 14 });
    expect(await h.store.getCursor('oura', 'heartrate')).toBe('2024-06-15T10:00:00.000Z');

    h.clock.set('2024-06-15T20:00:00.000Z');
    const late = T0 + 14 * DAY_MS + 30 * 60_000; // 2024-06-15T00:30Z, uploaded late
    h.oura.samples.set(late, beat(late, 71));
    const staleTs = T0 + 14 * DAY_MS - 2 * HOUR_MS; // 2024-06-14T22:00Z, withdrawn upstream
    h.oura.samples.delete(staleTs);
    h.oura.requests.length = 0;
    const second = await h.sync.sync({ providers: ['oura'], resources: ['heartrate'] });
    expect(h.oura.requests.map((request) => request.window)).toEqual([{ start: '2024-06-14T10:00:00.000Z', end: '2024-06-15T20:00:00.000Z' }]);
    expect(second.results[0]?.counts.heartrate).toMatchObject({ created: 1, deleted: 1, updated: 0 });
    const stored = await h.store.querySamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 20 * DAY_MS });
    expect(stored.map((sample) => sample.ts)).toEqual([...h.oura.samples.keys()].sort((a, b) => a - b));

    const third = await h.sync.sync({ providers: ['oura'], resources: ['heartrate'] });
    expect(third.results[0]?.counts.heartrate).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });
});

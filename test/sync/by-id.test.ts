/**
 * `SyncService.fetchRecordsById`: documents a provider fetches by id are written by the engine,
 * like every other fetch: an audited run, change events only for real changes, nothing stored
 * when the provider fails, and refusals before any request when it cannot work.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { allEvents, createHarness, type Harness } from './support/engine-harness.js';
import { doc } from './support/fake-provider.js';

let h: Harness;
let requested: string[];
let failWith: WearablesError | null;

beforeEach(async () => {
  h = await createHarness();
  requested = [];
  failWith = null;
  h.whoop.recordsById = {
    kinds: { workout: 'workout', day_workout: 'workout' },
    async fetch(kind, id) {
      requested.push(`${kind}:${id}`);
      if (failWith) throw failWith;
      return doc('whoop', 'workout', '2024-06-10', id.length, id);
    },
  };
});
afterEach(async () => h.close());

describe('fetchRecordsById', () => {
  it('stores what it fetched in an audited run with one created event, and returns it as stored', async () => {
    const [stored] = await h.sync.fetchRecordsById('whoop', 'workout', ['w-1']);
    expect(stored).toMatchObject({ provider: 'whoop', resource: 'workout', id: 'w-1', day: '2024-06-10' });
    expect(requested).toEqual(['workout:w-1']);
    const [run] = await h.store.listSyncRuns({ provider: 'whoop', limit: 1 });
    expect(run).toMatchObject({ mode: 'fresh', status: 'ok', resources: ['workout'] });
    expect(run?.counts.workout).toMatchObject({ fetched: 1, created: 1, updated: 0, unchanged: 0 });
    expect((await allEvents(h.store)).map((event) => [event.id, event.change])).toEqual([['w-1', 'created']]);
  });

  it('writes no event for an identical re-fetch; a lookup of another kind yields its declared resource', async () => {
    await h.sync.fetchRecordsById('whoop', 'workout', ['w-1']);
    const [again] = await h.sync.fetchRecordsById('whoop', 'day_workout', ['w-1']);
    expect(again?.resource).toBe('workout');
    expect((await h.store.listSyncRuns({ provider: 'whoop', limit: 1 }))[0]?.counts.workout).toMatchObject({ fetched: 1, created: 0, unchanged: 1 });
    expect(await allEvents(h.store)).toHaveLength(1);
  });

  it('records a failed run and stores nothing when the provider fails', async () => {
    failWith = new WearablesError('RATE_LIMITED', 'slow down', { hint: 'wait' });
    await expect(h.sync.fetchRecordsById('whoop', 'workout', ['w-2'])).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const [run] = await h.store.listSyncRuns({ provider: 'whoop', limit: 1 });
    expect(run).toMatchObject({ mode: 'fresh', status: 'failed' });
    expect(run?.error).toContain('RATE_LIMITED');
    expect(await h.store.getRecord('whoop', 'workout', 'w-2')).toBeNull();
  });

  it('refuses an undeclared lookup, a provider without lookups, too many ids and a disconnected provider, before any request', async () => {
    await expect(h.sync.fetchRecordsById('whoop', 'cycle', ['1'])).rejects.toMatchObject({ code: 'VALIDATION_ERROR', hint: expect.stringContaining('workout') });
    await expect(h.sync.fetchRecordsById('oura', 'workout', ['1'])).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.sync.fetchRecordsById('whoop', 'workout', Array.from({ length: 26 }, (_, index) => `w-${index}`))).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    h.connected.delete('whoop');
    await expect(h.sync.fetchRecordsById('whoop', 'workout', ['w-1'])).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    expect(requested).toEqual([]);
    expect(await h.store.listSyncRuns({ provider: 'whoop', limit: 5 })).toEqual([]);
  });
});

/**
 * Apple Health end to end: the simulator's export of the same person the Oura and Withings
 * simulators serve, imported through the engine into a real SQLite store (twice, then a newer
 * export), read back through the day view, and imported through the `import_data` tool, which
 * refuses every path outside the import folder.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDailyView } from '../../src/analysis/daily-view.js';
import { writeAppleHealthExport } from '../../src/simulator/apple-health/export-file.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';

const PROVIDER = 'apple-health';
const DAY_MS = 86_400_000;
let s: SimulatedApp;
let exportAt: Date;
/** The last activity day of the first export: from it on, a newer export may complete a day. */
let firstLastDay: string;
const SERIES = new Set(['heart_rate', 'hrv_sdnn']);

async function eventCount(): Promise<number> {
  let count = 0;
  let since: string | undefined;
  for (;;) {
    const page = await s.app.store.listEvents({ providers: [PROVIDER], limit: 1000, ...(since ? { since } : {}) });
    count += page.events.length;
    if (!page.hasMore || !page.nextCursor) return count;
    since = page.nextCursor;
  }
}

const total = (counts: Record<string, { created: number; updated: number }>, field: 'created' | 'updated') => Object.values(counts).reduce((sum, entry) => sum + entry[field], 0);
/** Created or updated documents (samples emit no events). */
const documents = (counts: Record<string, { created: number; updated: number }>) =>
  Object.entries(counts).reduce((sum, [name, entry]) => sum + (SERIES.has(name) ? 0 : entry.created + entry.updated), 0);

describe('Apple Health import (engine, store, day view, tool)', () => {
  beforeAll(async () => {
    s = await startSimulatedApp(20, { providers: ['oura', 'withings'] });
    exportAt = new Date(Date.parse(`${s.today}T12:00:00Z`) - 4 * DAY_MS);
    mkdirSync(join(s.app.config.home, 'imports'), { recursive: true, mode: 0o700 });
    firstLastDay = (await writeAppleHealthExport(join(s.app.config.home, 'imports', 'export.zip'), { person: s.sim.person, exportedAt: exportAt, days: 14 })).lastDay;
    // A newer export holds everything the older one did, and three more days.
    await writeAppleHealthExport(join(s.app.config.home, 'imports', 'newer.zip'), { person: s.sim.person, exportedAt: new Date(exportAt.getTime() + 3 * DAY_MS), days: 17 });
  }, 120_000);
  afterAll(async () => s?.close());

  it('imports once, then a second import of the same export adds nothing and emits no event', async () => {
    const path = join(s.app.config.home, 'imports', 'export.zip');
    const first = await s.app.sync.importFile({ provider: PROVIDER, path });
    expect(first.status).toBe('ok');
    expect(documents(first.counts)).toBeGreaterThan(60);
    expect(first.counts['heart_rate']?.created).toBeGreaterThan(1000);
    const events = await eventCount();
    expect(events).toBe(documents(first.counts));
    const samples = await s.app.store.countSamples({ provider: PROVIDER, series: 'heart_rate', start: 0, end: Date.now() + DAY_MS });

    const again = await s.app.sync.importFile({ provider: PROVIDER, path });
    expect(again.status).toBe('ok');
    expect(total(again.counts, 'created') + total(again.counts, 'updated')).toBe(0);
    expect(await eventCount()).toBe(events);
    expect(await s.app.store.countSamples({ provider: PROVIDER, series: 'heart_rate', start: 0, end: Date.now() + DAY_MS })).toBe(samples);
    const [run] = await s.app.store.listSyncRuns({ provider: PROVIDER, limit: 1 });
    expect(run).toMatchObject({ id: again.runId, status: 'ok' });
  });

  it('a newer export adds the new days and completes only the day that was still open', async () => {
    const seen = await eventCount();
    const newer = await s.app.sync.importFile({ provider: PROVIDER, path: join(s.app.config.home, 'imports', 'newer.zip') });
    expect(newer.status).toBe('ok');
    expect(newer.counts['activity']?.created).toBe(3);
    expect(total(newer.counts, 'updated')).toBeLessThanOrEqual(2);
    expect((await eventCount()) - seen).toBe(documents(newer.counts));
    const events = [];
    let since: string | undefined;
    for (;;) {
      const page = await s.app.store.listEvents({ providers: [PROVIDER], limit: 1000, ...(since ? { since } : {}) });
      events.push(...page.events);
      if (!page.hasMore || !page.nextCursor) break;
      since = page.nextCursor;
    }
    const updates = events.filter((event) => event.change === 'updated');
    expect(updates.every((event) => (event.day ?? '') >= firstLastDay), JSON.stringify(updates.map((event) => [event.resource, event.day]))).toBe(true);
    expect(events.some((event) => event.change === 'deleted')).toBe(false);
  });

  it("keeps the Oura app's nights and Health Mate's weigh-ins out of Apple's day values", async () => {
    const start = new Date(exportAt.getTime() - 10 * DAY_MS).toISOString().slice(0, 10);
    const days = await loadDailyView(s.app.store, { startDay: start, endDay: exportAt.toISOString().slice(0, 10) });
    let weighIns = 0;
    for (const day of days) {
      for (const [metric, reading] of Object.entries(day.metrics)) {
        const providers = reading.values.map((value) => value.provider);
        expect(new Set(providers).size, `${day.day} ${metric}`).toBe(providers.length);
        const apple = reading.values.find((value) => value.provider === PROVIDER);
        if (!apple) continue;
        expect(apple.resource.startsWith('copied_'), `${day.day} ${metric}`).toBe(false);
        const record = await s.app.store.getRecord(PROVIDER, apple.resource, apple.id);
        expect((record?.raw as { origin?: string } | undefined)?.origin ?? 'apple_watch').not.toMatch(/^copy:/);
      }
      const weight = day.metrics['weight_kg'];
      if (weight?.values.some((value) => value.provider === 'withings')) weighIns++;
    }
    expect(weighIns).toBeGreaterThan(3);
    // The copies are stored all the same, apart.
    expect(await s.app.store.countRecords({ provider: PROVIDER, resource: 'copied_measures' })).toBeGreaterThan(3);
    expect(await s.app.store.countRecords({ provider: PROVIDER, resource: 'copied_sleep' })).toBeGreaterThan(3);
  });

  it('import_data imports a file of the import folder and refuses every path outside it', async () => {
    const answer = await s.call('import_data', { provider: PROVIDER, path: 'export.zip' });
    expect(answer.isError).toBe(false);
    expect(answer.data).toMatchObject({ provider: PROVIDER, file: 'imports/export.zip', status: 'ok' });
    symlinkSync(join(s.app.config.home, 'imports', 'export.zip'), join(s.app.config.home, 'imports', 'link.zip'));
    for (const path of ['../imports/export.zip', join(s.app.config.home, 'imports', 'export.zip'), 'link.zip', '../store.db']) {
      const refused = await s.call('import_data', { provider: PROVIDER, path });
      expect(refused.isError, path).toBe(true);
      expect(JSON.stringify(refused.data)).toContain('VALIDATION_ERROR');
      expect(JSON.stringify(refused.data)).not.toContain(s.app.config.home);
    }
    const notFile = await s.call('import_data', { provider: 'oura', path: 'export.zip' });
    expect(notFile.isError).toBe(true);
  });
});

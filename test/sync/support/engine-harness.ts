/** A sync service over a real SQLite file in a temp dir, fake providers and a hand-moved clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AuthorizedHttp } from '../../../src/core/http.js';
import type { ProviderId } from '../../../src/core/types.js';
import type { Logger } from '../../../src/logging/logger.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import type { ChangeEvent, Store } from '../../../src/store/store.js';
import { createSyncService } from '../../../src/sync/engine.js';
import type { SyncService } from '../../../src/sync/sync-service.js';
import { createFakeProvider, type FakeProvider } from './fake-provider.js';

export interface Clock {
  now: () => Date;
  set(iso: string): void;
}

export function clockAt(iso: string): Clock {
  let current = Date.parse(iso);
  return { now: () => new Date(current), set: (next) => (current = Date.parse(next)) };
}

/** A pino logger whose lines the test can read. */
export function collectingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

export interface Harness {
  store: Store;
  sync: SyncService;
  oura: FakeProvider;
  whoop: FakeProvider;
  clock: Clock;
  connected: Set<ProviderId>;
  lines: string[];
  close(): Promise<void>;
}

export async function createHarness(options: { now?: string; historyDays?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'wearables-sync-'));
  const clock = clockAt(options.now ?? '2024-06-15T10:00:00.000Z');
  const store = await openSqliteStore({ path: join(dir, 'cache.db'), now: clock.now });
  const oura = createFakeProvider('oura');
  const whoop = createFakeProvider('whoop');
  const connected = new Set<ProviderId>(['oura', 'whoop']);
  const { logger, lines } = collectingLogger();
  const sync = createSyncService({
    store,
    providers: new Map<ProviderId, FakeProvider>([
      ['oura', oura],
      ['whoop', whoop],
    ]),
    http: () => ({}) as AuthorizedHttp,
    isConnected: async (provider) => connected.has(provider),
    historyDays: options.historyDays ?? 60,
    logger,
    now: clock.now,
  });
  return {
    store,
    sync,
    oura,
    whoop,
    clock,
    connected,
    lines,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every event of the store's feed, oldest first. */
export async function allEvents(store: Store): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  let since: string | undefined;
  for (;;) {
    const page = await store.listEvents({ ...(since ? { since } : {}), limit: 500 });
    events.push(...page.events);
    if (!page.hasMore || !page.nextCursor) return events;
    since = page.nextCursor;
  }
}

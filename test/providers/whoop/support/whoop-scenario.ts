/**
 * The real stack for WHOOP sync scenarios: the simulator on 127.0.0.1, the real WHOOP provider
 * over real HTTP (a pasted access token), a real SQLite file and the sync engine on the
 * simulator's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WearablesError } from '../../../../src/core/errors.js';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../../../src/core/http.js';
import { createWhoopProvider, type WhoopProvider } from '../../../../src/providers/whoop/index.js';
import { startSimulator, type StartedSimulator, type WhoopCollection } from '../../../../src/simulator/index.js';
import { openSqliteStore } from '../../../../src/store/sqlite/index.js';
import type { Store } from '../../../../src/store/store.js';
import { createSyncService } from '../../../../src/sync/engine.js';
import type { SyncService } from '../../../../src/sync/sync-service.js';
import { collectingLogger } from '../../../sync/support/engine-harness.js';

export const WHOOP_TOKEN = 'whoop-scenario-access-token';

export interface WhoopScenario {
  sim: StartedSimulator;
  store: Store;
  sync: SyncService;
  provider: WhoopProvider;
  http: AuthorizedHttp;
  /** Called after every HTTP attempt, to inject faults at a precise point. */
  onAttempt: ((event: { url: string; status: number | 'network-error' }) => void) | null;
  close(): Promise<void>;
}

/** Starts a WHOOP scenario at a fixed simulator time (default 2025-06-15T12:00Z; home is UTC−5). */
export async function startWhoopScenario(options: { now?: string; historyDays?: number; seed?: number } = {}): Promise<WhoopScenario> {
  const fixedNow = new Date(options.now ?? '2025-06-15T12:00:00.000Z');
  const sim = await startSimulator({ seed: options.seed ?? 7, days: 200, now: () => fixedNow, personalAccessTokens: [WHOOP_TOKEN] });
  const dir = mkdtempSync(join(tmpdir(), 'whoop-scenario-'));
  const store = await openSqliteStore({ path: join(dir, 'cache.db') });
  const provider = createWhoopProvider({ ...sim.whoop, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const { logger } = collectingLogger();
  const scenario: WhoopScenario = {
    sim,
    store,
    provider,
    onAttempt: null,
    http: undefined as unknown as AuthorizedHttp,
    sync: undefined as unknown as SyncService,
    async close() {
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  scenario.http = createAuthorizedHttp({
    provider: 'whoop',
    tokens: {
      getAccessToken: async () => WHOOP_TOKEN,
      refreshAfterUnauthorized: async () => {
        throw new WearablesError('AUTH_FAILED', 'The access token was revoked.', { hint: 'Reconnect with `wearables-mcp connect whoop`.' });
      },
    },
    retry: { maxRetries: 1, baseDelayMs: 1 },
    sleep: async () => undefined,
    onAttempt: (event) => scenario.onAttempt?.(event),
  });
  scenario.sync = createSyncService({
    store,
    providers: new Map([['whoop', provider]]),
    http: () => scenario.http,
    isConnected: async () => true,
    historyDays: options.historyDays ?? 30,
    logger,
    now: () => sim.control.now(),
  });
  return scenario;
}

/** Our resource name of a simulator collection (the same names). */
export function resourceOf(collection: WhoopCollection): string {
  return collection;
}

/** Ids the simulator serves now for records that started in [fromMs, toMs), per collection. */
export function truthIds(scenario: WhoopScenario, collection: WhoopCollection, fromMs: number, toMs: number): string[] {
  const cycles = new Map(scenario.sim.control.whoop.records('cycle').map((cycle) => [cycle.id, cycle]));
  return scenario.sim.control.whoop
    .records(collection)
    .filter((record) => {
      const start = Date.parse(String(collection === 'recovery' ? cycles.get(record.cycle_id)?.start : record.start));
      return start >= fromMs && start < toMs;
    })
    .map((record) => String(record.id ?? record.cycle_id))
    .sort();
}

/** Stored ids of a resource whose record starts in [fromMs, toMs). */
export async function storedIds(scenario: WhoopScenario, resource: string, fromMs: number, toMs: number): Promise<string[]> {
  const rows = await scenario.store.queryRecords({ provider: 'whoop', resource });
  return rows
    .filter((row) => row.start !== null && Date.parse(row.start) >= fromMs && Date.parse(row.start) < toMs)
    .map((row) => row.id)
    .sort();
}

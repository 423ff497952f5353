/** Runs the provider contract suite for WHOOP against the WHOOP simulator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createWhoopProvider } from '../../src/providers/whoop/index.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { runProviderContract } from './provider-contract.js';

const ACCESS_TOKEN_TTL_SECONDS = 3600;
const DATA_PATHS = '/whoop/developer/';
/** The WHOOP client asks for 12 h before each window (see `src/providers/whoop/client.ts`). */
const LOOKBACK_MS = 12 * 3_600_000;
const WINDOW = { start: '2025-03-01T00:00:00.000Z', end: '2025-05-01T00:00:00.000Z' };
const directory = mkdtempSync(join(tmpdir(), 'whoop-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let stores = 0;

runProviderContract<StartedSimulator>({
  name: 'whoop',
  startSimulator: () => startSimulator({ seed: 11, days: 120, now: () => new Date('2025-06-15T12:00:00Z') }),
  stopSimulator: (simulator) => simulator.close(),
  createProvider: (simulator) =>
    createWhoopProvider({ ...simulator.whoop, clientId: simulator.clientId, clientSecret: simulator.clientSecret }),
  control: (simulator) => ({
    failNext: (count, status) => simulator.control.failNext(count, { pathPrefix: DATA_PATHS, ...(status ? { status } : {}) }),
    malformNext: (count) => simulator.control.malformNext(count, { pathPrefix: DATA_PATHS }),
    rateLimitNext: (count, retryAfterSeconds) => simulator.control.rateLimitNext(count, { pathPrefix: DATA_PATHS, retryAfterSeconds }),
    expireAccessTokens: () => simulator.control.advanceClock((ACCESS_TOKEN_TTL_SECONDS + 60) * 1000),
    revokeAllTokens: () => simulator.control.revokeAllTokens(),
    clearFaults: () => simulator.control.clearFaults(),
    tokenRefreshes: () => simulator.control.whoop.counters().tokenRefreshes,
  }),
  redirectUri: 'http://127.0.0.1:53682/callback',
  paged: {
    resource: 'sleep',
    window: WINDOW,
    // 60 days of nights and naps at 25 per page.
    minPages: 3,
    expectedIds: (simulator) =>
      simulator.control.whoop
        .records('sleep')
        .filter((record) => {
          const start = Date.parse(String(record.start));
          return start >= Date.parse(WINDOW.start) - LOOKBACK_MS && start < Date.parse(WINDOW.end);
        })
        .map((record) => String(record.id)),
  },
  probe: { resource: 'cycle', window: { start: '2025-05-01T00:00:00.000Z', end: '2025-05-04T00:00:00.000Z' } },
  openStore: () => openSqliteStore({ path: join(directory, `store-${++stores}.db`) }),
});

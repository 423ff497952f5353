/**
 * Runs the provider contract suite for Withings against the Withings simulator. Faults the
 * suite injects are HTTP-level (429 with Retry-After, 5xx, truncated bodies); the expired-token
 * case is Withings' own HTTP 200 + `status: 401` envelope, which must refresh like an HTTP 401.
 * The refresh grace is 0 here so the suite's "old refresh token is refused" holds at once; the
 * grace itself is tested in test/simulator/withings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { runProviderContract } from './provider-contract.js';

const ACCESS_TOKEN_TTL_SECONDS = 10_800;
const DATA_PATHS = '/withings/v2/';
const directory = mkdtempSync(join(tmpdir(), 'withings-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let stores = 0;

runProviderContract<StartedSimulator>({
  name: 'withings',
  startSimulator: () =>
    startSimulator({
      seed: 11,
      days: 120,
      now: () => new Date('2025-06-15T12:00:00Z'),
      withings: { pageSize: 7, refreshGraceSeconds: 0, rateLimitPerMinute: 10_000 },
    }),
  stopSimulator: (simulator) => simulator.close(),
  createProvider: (simulator) =>
    createWithingsProvider({ ...simulator.withings, clientId: simulator.clientId, clientSecret: simulator.clientSecret }),
  control: (simulator) => ({
    failNext: (count, status) => simulator.control.failNext(count, { pathPrefix: DATA_PATHS, ...(status ? { status } : {}) }),
    malformNext: (count) => simulator.control.malformNext(count, { pathPrefix: DATA_PATHS }),
    rateLimitNext: (count, retryAfterSeconds) => simulator.control.rateLimitNext(count, { pathPrefix: DATA_PATHS, retryAfterSeconds }),
    expireAccessTokens: () => simulator.control.advanceClock((ACCESS_TOKEN_TTL_SECONDS + 60) * 1000),
    revokeAllTokens: () => simulator.control.revokeAllTokens(),
    clearFaults: () => simulator.control.clearFaults(),
    tokenRefreshes: () => simulator.control.withings.counters().tokenRefreshes,
  }),
  redirectUri: 'http://127.0.0.1:53682/callback',
  paged: {
    resource: 'sleep_summary',
    window: { start: '2025-04-01', end: '2025-05-01' },
    minPages: 4,
    expectedIds: (simulator) =>
      simulator.control.withings
        .documents('sleep_summary')
        .filter((document) => String(document.date) >= '2025-04-01' && String(document.date) < '2025-05-01')
        .map((document) => String(document.id)),
  },
  probe: { resource: 'activity', window: { start: '2025-05-01', end: '2025-05-04' } },
  openStore: () => openSqliteStore({ path: join(directory, `store-${++stores}.db`) }),
});

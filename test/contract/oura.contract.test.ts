/** Runs the provider contract suite for Oura against the Oura simulator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createOuraProvider } from '../../src/providers/oura/index.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { runProviderContract } from './provider-contract.js';

const ACCESS_TOKEN_TTL_SECONDS = 3600;
const DATA_PATHS = '/oura/v2/';
const directory = mkdtempSync(join(tmpdir(), 'oura-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let stores = 0;

runProviderContract<StartedSimulator>({
  name: 'oura',
  startSimulator: () =>
    startSimulator({
      seed: 11,
      days: 120,
      now: () => new Date('2025-06-15T12:00:00Z'),
      pageSize: 7,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    }),
  stopSimulator: (simulator) => simulator.close(),
  createProvider: (simulator) =>
    createOuraProvider({ ...simulator.oura, clientId: simulator.clientId, clientSecret: simulator.clientSecret }),
  control: (simulator) => ({
    failNext: (count, status) => simulator.control.failNext(count, { pathPrefix: DATA_PATHS, ...(status ? { status } : {}) }),
    malformNext: (count) => simulator.control.malformNext(count, { pathPrefix: DATA_PATHS }),
    rateLimitNext: (count, retryAfterSeconds) => simulator.control.rateLimitNext(count, { pathPrefix: DATA_PATHS, retryAfterSeconds }),
    expireAccessTokens: () => simulator.control.advanceClock((ACCESS_TOKEN_TTL_SECONDS + 60) * 1000),
    revokeAllTokens: () => simulator.control.revokeAllTokens(),
    clearFaults: () => simulator.control.clearFaults(),
    tokenRefreshes: () => simulator.control.counters().tokenRefreshes,
  }),
  redirectUri: 'http://127.0.0.1:53682/callback',
  paged: {
    resource: 'daily_sleep',
    window: { start: '2025-04-01', end: '2025-05-01' },
    minPages: 4,
    expectedIds: (simulator) =>
      simulator.control.oura
        .documents('daily_sleep')
        .filter((document) => String(document.day) >= '2025-04-01' && String(document.day) < '2025-05-01')
        .map((document) => String(document.id)),
  },
  probe: { resource: 'daily_readiness', window: { start: '2025-05-01', end: '2025-05-04' } },
  openStore: () => openSqliteStore({ path: join(directory, `store-${++stores}.db`) }),
});

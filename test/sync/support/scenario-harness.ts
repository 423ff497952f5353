/**
 * The real stack for scenario tests: the simulator on 127.0.0.1, the real Oura provider over
 * real HTTP (authorized with a personal access token), a real SQLite file and the sync engine on
 * the simulator's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WearablesError } from '../../../src/core/errors.js';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../../src/core/http.js';
import type { OAuthProvider } from '../../../src/providers/provider.js';
import { createOuraProvider } from '../../../src/providers/oura/index.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import type { Store } from '../../../src/store/store.js';
import { createSyncService } from '../../../src/sync/engine.js';
import type { SyncService } from '../../../src/sync/sync-service.js';
import { collectingLogger } from './engine-harness.js';

export const PATS = ['pat-scenario-first-token', 'pat-scenario-second-token'] as const;

export interface Scenario {
  sim: StartedSimulator;
  store: Store;
  sync: SyncService;
  provider: OAuthProvider;
  /** Log lines of the engine (pino JSON). */
  lines: string[];
  /** Switches the personal access token in use (the user reconnecting). */
  useToken(token: string): void;
  /** Called after every HTTP attempt, to inject faults at a precise point. */
  onAttempt: ((event: { url: string; status: number | 'network-error' }) => void) | null;
  close(): Promise<void>;
}

/** Starts a scenario at a fixed simulator time; `historyDays` of the engine default 90. */
export async function startScenario(
  options: { now?: string; historyDays?: number; seed?: number; overlapDays?: Record<string, number>; backfillBudget?: { requests: number; perMs: number } } = {},
): Promise<Scenario> {
  const fixedNow = new Date(options.now ?? '2025-06-15T12:00:00.000Z');
  const sim = await startSimulator({ seed: options.seed ?? 7, days: 200, now: () => fixedNow, pageSize: 25, personalAccessTokens: [...PATS] });
  const dir = mkdtempSync(join(tmpdir(), 'wearables-scenario-'));
  const store = await openSqliteStore({ path: join(dir, 'cache.db') });
  const oura = createOuraProvider({ apiBaseUrl: sim.oura.apiBaseUrl, authBaseUrl: sim.oura.authBaseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
  // The engine reads declarations only, so a test may declare a different overlap for a resource.
  const provider: OAuthProvider = {
    ...oura,
    resources: oura.resources.map((spec) => ({ ...spec, overlapDays: options.overlapDays?.[spec.name] ?? spec.overlapDays })),
    ...(options.backfillBudget && oura.history ? { history: { ...oura.history, budget: options.backfillBudget } } : {}),
  };
  let token: string = PATS[0];
  const { logger, lines } = collectingLogger();
  const scenario: Scenario = {
    sim,
    store,
    provider,
    lines,
    sync: undefined as unknown as SyncService,
    useToken: (next) => (token = next),
    onAttempt: null,
    async close() {
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const http: AuthorizedHttp = createAuthorizedHttp({
    provider: 'oura',
    tokens: {
      getAccessToken: async () => token,
      refreshAfterUnauthorized: async () => {
        throw new WearablesError('AUTH_FAILED', 'The personal access token was revoked.', { hint: 'Reconnect with `wearables-mcp connect oura`.' });
      },
    },
    retry: { maxRetries: 1, baseDelayMs: 1 },
    onAttempt: (event) => scenario.onAttempt?.(event),
  });
  scenario.sync = createSyncService({
    store,
    providers: new Map([['oura', provider]]),
    http: () => http,
    isConnected: async () => true,
    historyDays: options.historyDays ?? 90,
    logger,
    now: () => sim.control.now(),
  });
  return scenario;
}

/** Our resource name of an Oura collection. */
export function collectionOf(resource: string): string {
  return resource === 'vo2_max' ? 'vO2_max' : resource;
}

/** The user reconnects: a real authorization-code + PKCE grant at the simulator; its token is used from now on. */
export async function reconnect(scenario: Scenario): Promise<void> {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const url = scenario.provider.oauth.authorizationUrl({ redirectUri, state: 'reconnect-state', codeChallenge });
  const response = await fetch(url, { redirect: 'manual' });
  const code = new URL(response.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
  if (!code) throw new Error(`authorize answered ${response.status} without a code`);
  const tokens = await scenario.provider.oauth.exchangeCode({ code, redirectUri, codeVerifier: verifier });
  scenario.useToken(tokens.accessToken);
}

/** Stored vs simulator ids of one resource for local days in [first, end). */
export async function idsOf(scenario: Scenario, resource: string, first: string, end: string): Promise<{ stored: string[]; truth: string[] }> {
  const rows = await scenario.store.queryRecords({ provider: 'oura', resource });
  const stored = rows.filter((row) => row.day !== null && row.day >= first && row.day < end).map((row) => row.id);
  const truth = scenario.sim.control.oura
    .documents(collectionOf(resource) as never)
    .filter((doc) => {
      const day = doc.day ?? doc.start_day;
      return typeof day === 'string' && day >= first && day < end;
    })
    .map((doc) => String(doc.id));
  return { stored: stored.sort(), truth: truth.sort() };
}

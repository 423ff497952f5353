/**
 * The provider API simulator: a real HTTP server on 127.0.0.1 imitating Oura's OAuth and API v2
 * over a deterministic synthetic person. WHOOP and Withings will mount beside Oura.
 *
 * ```ts
 * const sim = await startSimulator({ seed: 7, now: () => new Date('2025-06-15T12:00:00Z') });
 * await fetch(`${sim.oura.apiBaseUrl}/v2/usercollection/daily_sleep?start_date=2025-06-01&end_date=2025-06-15`, {
 *   headers: { Authorization: `Bearer ${token}` },
 * });
 * sim.control.failNext(2);           // next two requests -> 503
 * await sim.close();
 * ```
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createRootApp } from './app.js';
import { SimClock } from './clock.js';
import { createControl, type SimulatorControl } from './control.js';
import { createControlRoutes } from './control-routes.js';
import { FaultInjector } from './faults.js';
import { createOuraApp } from './oura/app.js';
import type { OuraContext } from './oura/context.js';
import { OuraDocumentStore } from './oura/documents.js';
import type { OuraShape } from './oura/types.js';
import { SyntheticPerson } from './person.js';
import { RateLimiter } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { TokenStore } from './token-store.js';
import { createWhoopApp } from './whoop/app.js';
import { notifyOuraChanges } from './webhooks/control-hook.js';
import { OuraWebhookHub } from './webhooks/oura-webhooks.js';
import { WhoopWebhookHub, notifyWhoopChanges } from './webhooks/whoop-webhooks.js';
import { WithingsNotifyHub, notifyWithingsChanges } from './webhooks/withings-notify.js';
import { OURA_COLLECTIONS as OURA_COLLECTION_NAMES } from './oura/types.js';
import { ouraSource, ScheduledWebhooks, whoopSource, withingsSource, type ScheduledWebhooksOptions } from './webhooks/scheduled-changes.js';
import { createWhoopContext, type WhoopSimulatorOptions } from './whoop/create.js';
import { createWithingsApp } from './withings/app.js';
import { createWithingsContext, type WithingsSimulatorOptions } from './withings/create.js';

/** Default demo OAuth client id accepted by the simulator. */
export const DEMO_CLIENT_ID = 'demo-client';
/** Default demo OAuth client secret (demo only, not a secret). */
export const DEMO_CLIENT_SECRET = 'demo-secret';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Only loopback is allowed. */
  host?: '127.0.0.1';
  /** Seed of the synthetic person (default 1). */
  seed?: number;
  /** History length in days, ending today (default 400). */
  days?: number;
  /** Days generated after today, revealed by advancing the clock (default 60). */
  futureDays?: number;
  /** Base clock (default real time); `control.advanceClock` adds to it. */
  now?: () => Date;
  /** Documents per page of list routes (default 50). */
  pageSize?: number;
  /** Samples per page of `heartrate` (default 1000). */
  heartRatePageSize?: number;
  clientId?: string;
  clientSecret?: string;
  /** Registered redirect URIs; default: any loopback http(s) URI. */
  redirectUris?: string[];
  /** Access-token lifetime (default 86400). */
  accessTokenTtlSeconds?: number;
  /** Authorization-code lifetime (default 600). */
  codeTtlSeconds?: number;
  /** Static bearer tokens accepted like Oura personal access tokens (never expire; revocable). */
  personalAccessTokens?: string[];
  /** Per-minute request budget of the data routes (default 1000, Oura's 5000 per 5 minutes). */
  rateLimitPerMinute?: number;
  /** How long after start the most recent night stays held back (default 120 minutes). */
  lateSleepDelayMinutes?: number;
  /** Response shape (default `v1.29`; `recorded-2024-12` drops the fields the recordings lack). */
  ouraShape?: OuraShape;
  /** WHOOP budgets, page size, token lifetime, late scores (same person, clock, client). */
  whoop?: WhoopSimulatorOptions;
  /** Withings budget (120/min), page size, token/code lifetimes, refresh grace (same person, clock, client). */
  withings?: WithingsSimulatorOptions;
  /**
   * Send webhooks for the changes the clock brings (late nights, scores, scheduled re-scores,
   * deletions, new days), checked every `intervalMs` and after each clock move or control
   * change, to whatever subscriptions exist. Off unless given.
   */
  scheduledWebhooks?: ScheduledWebhooksOptions;
}

export interface StartedSimulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  oura: {
    /** `${url}/oura`; data at `${apiBaseUrl}/v2/usercollection/...` */
    apiBaseUrl: string;
    /** `${url}/oura`; `/oauth/authorize`, `/oauth/token`, `/oauth/revoke` */
    authBaseUrl: string;
  };
  withings: {
    /** `${url}/withings` (as `https://wbsapi.withings.net`); `/measure`, `/v2/measure`, `/v2/sleep`, ... */
    apiBaseUrl: string;
    /** `${url}/withings` (as `https://account.withings.com`); `/oauth2_user/authorize2` */
    authBaseUrl: string;
  };
  whoop: {
    /** `${url}/whoop/developer` (as `https://api.prod.whoop.com/developer`); data at `${apiBaseUrl}/v2/...` */
    apiBaseUrl: string;
    /** `${url}/whoop`; `/oauth/oauth2/auth`, `/oauth/oauth2/token` */
    authBaseUrl: string;
  };
  /** The API and auth base of every simulated provider, by provider id. */
  endpoints: Readonly<Record<string, { apiBaseUrl: string; authBaseUrl: string }>>;
  clientId: string;
  clientSecret: string;
  control: SimulatorControl;
  /** Oura webhook subscriptions and the signed deliveries sent when the person's data changes. */
  ouraWebhooks: OuraWebhookHub;
  /** WHOOP's dashboard webhook URL (`configure`) and the signed deliveries sent on re-scores and deletions. */
  whoopWebhooks: WhoopWebhookHub;
  /** Withings notify subscriptions and the form POSTs sent when a measure is edited. */
  withingsNotify: WithingsNotifyHub;
  /** The scheduled webhooks, when started with `scheduledWebhooks`. */
  scheduledWebhooks?: ScheduledWebhooks;
  /**
   * Points the webhooks that a provider's developer dashboard sets (no subscription API) at
   * `callbackFor(provider id)`; returns the providers configured. Subscription APIs are used
   * through the provider modules instead.
   */
  configureDashboardWebhooks(callbackFor: (provider: string) => string): string[];
  person: SyntheticPerson;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 and resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<StartedSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The simulator only listens on 127.0.0.1.');
  const clock = new SimClock(options.now ?? (() => new Date()));
  const person = new SyntheticPerson({
    seed: options.seed ?? 1,
    now: clock.now(),
    historyDays: options.days ?? 400,
    futureDays: options.futureDays ?? 60,
  });
  const shape = options.ouraShape ?? 'v1.29';
  const rateLimitPerMinute = options.rateLimitPerMinute ?? 1000;
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEMO_CLIENT_SECRET;
  const oura: OuraContext = {
    clock,
    person,
    store: new OuraDocumentStore(person, {
      startMs: clock.nowMs(),
      lateSleepDelayMs: (options.lateSleepDelayMinutes ?? 120) * 60_000,
      shape,
    }),
    tokens: new TokenStore(clock, {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 86_400,
      codeTtlSeconds: options.codeTtlSeconds ?? 600,
      personalAccessTokens: options.personalAccessTokens ?? [],
    }),
    rateLimiter: new RateLimiter(rateLimitPerMinute),
    config: {
      clientId,
      clientSecret,
      redirectUris: options.redirectUris ?? null,
      pageSize: Math.max(1, options.pageSize ?? 50),
      heartRatePageSize: Math.max(1, options.heartRatePageSize ?? 1000),
      shape,
    },
    counters: { authorizeRequests: 0, dataRequests: 0, unauthorized: 0 },
    authorizeDecision: 'approve',
  };
  const whoop = createWhoopContext(
    {
      clock,
      person,
      clientId,
      clientSecret,
      redirectUris: options.redirectUris ?? null,
      codeTtlSeconds: options.codeTtlSeconds ?? 600,
      personalAccessTokens: options.personalAccessTokens ?? [],
    },
    options.whoop,
  );
  const withings = createWithingsContext(
    {
      clock,
      person,
      clientId,
      clientSecret,
      redirectUris: options.redirectUris ?? null,
      staticAccessTokens: options.personalAccessTokens ?? [],
    },
    options.withings,
  );
  const faults = new FaultInjector();
  const log = new RequestLog();
  const control = createControl({ clock, faults, log, oura, whoop, withings });
  const ouraWebhooks = new OuraWebhookHub({ clock, clientId, clientSecret });
  const whoopWebhooks = new WhoopWebhookHub({ clock, clientSecret, userId: whoop.records.userId });
  const withingsNotify = new WithingsNotifyHub(withings);
  let scheduled: ScheduledWebhooks | undefined;
  const changed = options.scheduledWebhooks ? () => void scheduled?.check() : undefined;
  notifyOuraChanges(control, ouraWebhooks, () => {
    const now = clock.nowMs();
    return new Set(OURA_COLLECTION_NAMES.flatMap((collection) => oura.store.visible(collection, now).map((doc) => `${collection}/${doc.id}`)));
  }, changed);
  notifyWhoopChanges(control, whoop.records, clock, whoopWebhooks, changed);
  notifyWithingsChanges(control, withings, withingsNotify, changed);
  if (options.scheduledWebhooks) {
    scheduled = new ScheduledWebhooks(
      clock,
      [ouraSource(oura, ouraWebhooks), whoopSource(whoop.records, whoopWebhooks), withingsSource(withings, withingsNotify)],
      options.scheduledWebhooks,
    );
    for (const hub of [ouraWebhooks, whoopWebhooks, withingsNotify]) hub.retries = 2;
    const advance = control.advanceClock;
    control.advanceClock = (ms) => {
      advance(ms);
      scheduled?.check();
    };
    scheduled.start();
  }
  const app = createRootApp({
    clock,
    faults,
    log,
    providers: [
      { path: '/oura', app: createOuraApp(oura), rateLimitPerMinute },
      { path: '/oura/v2/webhook', app: ouraWebhooks.routes(), rateLimitPerMinute },
      { path: '/whoop', app: createWhoopApp(whoop), rateLimitPerMinute: options.whoop?.rateLimitPerMinute ?? 100 },
      { path: '/withings/notify', app: withingsNotify.routes(), rateLimitPerMinute: options.withings?.rateLimitPerMinute ?? 120 },
      { path: '/withings', app: createWithingsApp(withings), rateLimitPerMinute: options.withings?.rateLimitPerMinute ?? 120 },
    ],
    control: createControlRoutes(control, person),
  });

  const server: Server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const endpoints = {
    oura: { apiBaseUrl: `${url}/oura`, authBaseUrl: `${url}/oura` },
    whoop: { apiBaseUrl: `${url}/whoop/developer`, authBaseUrl: `${url}/whoop` },
    withings: { apiBaseUrl: `${url}/withings`, authBaseUrl: `${url}/withings` },
  };
  return {
    url,
    ...endpoints,
    endpoints,
    clientId,
    clientSecret,
    control,
    ouraWebhooks,
    whoopWebhooks,
    withingsNotify,
    ...(scheduled ? { scheduledWebhooks: scheduled } : {}),
    configureDashboardWebhooks: (callbackFor) => {
      whoopWebhooks.configure(callbackFor('whoop'));
      return ['whoop'];
    },
    person,
    close: () =>
      new Promise<void>((resolve, reject) => {
        scheduled?.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { SyntheticPerson, createSyntheticPerson } from './person.js';
export type { DayTruth, PersonProfile, PlannedEvents, SleepPeriodTruth, HeartRateSample } from './person.js';
export type { SimulatorControl, SimulatorCounters, OuraControl } from './control.js';
export type { RequestLogEntry } from './request-log.js';
export { OURA_COLLECTIONS } from './oura/types.js';
export { WHOOP_COLLECTIONS } from './whoop/types.js';
export type { WhoopCollection } from './whoop/types.js';
export type { WhoopControl } from './whoop/control.js';
export type { WhoopSimulatorOptions } from './whoop/create.js';
export type { WithingsControl } from './withings/control.js';
export type { WithingsSimulatorOptions } from './withings/create.js';
export type { OuraCollection, OuraShape } from './oura/types.js';

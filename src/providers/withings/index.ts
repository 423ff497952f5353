/**
 * The Withings provider: `createWithingsProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry.
 */
import type { FetchLike } from '../../core/http.js';
import type { OAuthProvider, SignalReader } from '../provider.js';
import { defineProviderModule, oauthProviderOptions, type ProviderEndpoints } from '../provider-module.js';
import { createReportedZone } from '../reported-zone.js';
import { callWithings, type WithingsApi } from './api.js';
import { createWithingsOAuth } from './oauth.js';
import { createPacer } from './pacer.js';
import type { WithingsSignal } from './signals.js';
import { WITHINGS_RESOURCES, withingsResource } from './resources.js';
import { createWithingsWebhooks } from './webhooks/index.js';
import { WITHINGS_MAPPINGS } from './day-view.js';
import { WITHINGS_SOURCES } from './fhir.js';
import { registerWithingsSignals } from './tools/signal-resources.js';
import { WITHINGS_BACKFILL_BUDGET, WITHINGS_EARLIEST_DAY } from './limits.js';
import { lazyIterable, lazyModule } from '../../core/lazy-module.js';

export interface WithingsProviderOptions {
  /** `https://wbsapi.withings.net` or the simulator's Withings API base. */
  apiBaseUrl: string;
  /** `https://account.withings.com` or the simulator's Withings auth base. */
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Used for OAuth and signed calls; API calls go through the `AuthorizedHttp` in the fetch context. */
  fetch?: FetchLike;
  /** Client-side request budget (default 120 a minute, Withings' limit). */
  requestsPerMinute?: number;
}

const ID = 'withings';
// The client (API schemas, normalizers), the signal reader and the history search load on first
// use, not at start-up.
const client = lazyModule(() => import('./client.js'));
const signalsModule = lazyModule(() => import('./signals.js'));
const historySearch = lazyModule(() => import('./history-start.js'));
const DISPLAY_NAME = 'Withings';
const CAPABILITIES = { pull: true, webhook: true, oauth: true, personalToken: true };
/** The real Withings API and account (authorization) server. */
const ENDPOINTS: ProviderEndpoints = { apiBaseUrl: 'https://wbsapi.withings.net', authBaseUrl: 'https://account.withings.com' };

/** Withings' documented request limit per minute. */
export const WITHINGS_REQUESTS_PER_MINUTE = 120;

/** The Withings provider: the common seam plus on-demand ECG / stethoscope signals (`signals`). */
export type WithingsProvider = OAuthProvider & { signals: SignalReader<WithingsSignal> };

/** Builds the Withings provider. */
export function createWithingsProvider(options: WithingsProviderOptions): WithingsProvider {
  const api: WithingsApi = {
    apiBaseUrl: options.apiBaseUrl,
    pacer: createPacer({ perMinute: options.requestsPerMinute ?? WITHINGS_REQUESTS_PER_MINUTE }),
    zone: createReportedZone<string>(),
  };
  return {
    id: ID,
    displayName: DISPLAY_NAME,
    capabilities: CAPABILITIES,
    resources: WITHINGS_RESOURCES,
    signals: {
      kinds: ['heart', 'stetho'],
      async read(kind, signalId, context) {
        const { createWithingsSignals, withingsSignalReader } = await signalsModule();
        return withingsSignalReader(createWithingsSignals(api)).read(kind, signalId, context);
      },
    },
    oauth: createWithingsOAuth(options),
    fetchWindow(resource, window, context) {
      return lazyIterable(async () => (await client()).fetchWithingsWindow(api, resource, window, context));
    },
    async probe(context) {
      const goals = withingsResource('goals');
      if (goals) await callWithings(api, goals.service, {}, context);
    },
    webhooks: createWithingsWebhooks(api),
    history: {
      earliestDay: WITHINGS_EARLIEST_DAY,
      historyStart: async (context) => (await historySearch()).findWithingsHistoryStart(api, context),
      budget: WITHINGS_BACKFILL_BUDGET,
    },
  };
}

/** Everything the project knows about Withings. */
export const WITHINGS_MODULE = defineProviderModule({
  id: ID,
  displayName: DISPLAY_NAME,
  about: 'Withings scales, blood pressure cuffs, watches and the sleep mat: body measures, activity, sleep, ECG and stethoscope signals',
  endpoints: ENDPOINTS,
  capabilities: CAPABILITIES,
  resources: WITHINGS_RESOURCES,
  createProvider: (settings, fetch) => createWithingsProvider(oauthProviderOptions(ENDPOINTS, settings, fetch)),
  // Loaded on the first call of one of its tools: tools/list is served from the build's manifest.
  loadTools: () => import('./tools/index.js').then((tools) => tools.WITHINGS_TOOLS),
  registerResources: registerWithingsSignals,
  dayView: {
    mappings: WITHINGS_MAPPINGS,
    // A scale and a cuff measure the body, so they lead it; the sleep mat ranks last for sleep and
    // heart; its all-day step counting is second for activity.
    headline: { sleep: 3, heart: 3, readiness: 3, activity: 2, body: 1, skin_temp_c: 3, workout_count: 3, workout_minutes: 3 },
  },
  fhirSources: WITHINGS_SOURCES,
  connectHelp: 'withings: register an app at https://developer.withings.com and set WITHINGS_CLIENT_ID / WITHINGS_CLIENT_SECRET.',
  reportColor: '#2b8a3e',
  demo: { mark: 's' },
});

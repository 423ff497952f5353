/**
 * The WHOOP provider: `createWhoopProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry. It declares get-by-id
 * lookups (`recordsById`), which the WHOOP get tools reach through the sync engine.
 */
import { WearablesError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http.js';
import type { OAuthProvider, RecordFetcher } from '../provider.js';
import { defineProviderModule, oauthProviderOptions, type ProviderEndpoints } from '../provider-module.js';
import type { WhoopRecordKind } from './client.js';
import { createWhoopOAuth } from './oauth.js';
import { WHOOP_RESOURCES } from './resources.js';
import { WHOOP_BACKFILL_BUDGET, WHOOP_EARLIEST_DAY } from './limits.js';
import { lazyIterable, lazyModule } from '../../core/lazy-module.js';
import { createWhoopWebhooks } from './webhooks/index.js';
import { WHOOP_MAPPINGS } from './day-view.js';
import { WHOOP_SOURCES } from './fhir.js';

export interface WhoopProviderOptions {
  /** `https://api.prod.whoop.com/developer` (the spec's server) or the simulator's WHOOP API base. */
  apiBaseUrl: string;
  /** `https://api.prod.whoop.com` (hosts `/oauth/oauth2/*`) or the simulator's WHOOP auth base. */
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Used for OAuth calls; API calls go through the `AuthorizedHttp` in the fetch context. */
  fetch?: FetchLike;
}

/** The WHOOP provider: an OAuth provider with get-by-id lookups (`recordsById`). */
export type WhoopProvider = OAuthProvider & { recordsById: RecordFetcher };

/** The get-by-id lookups and the resource each yields (a cycle's sleep is a `sleep`). */
const RECORD_KINDS: Readonly<Record<WhoopRecordKind, string>> = { cycle: 'cycle', sleep: 'sleep', workout: 'workout', recovery: 'recovery', cycle_sleep: 'sleep' };

function isRecordKind(kind: string): kind is WhoopRecordKind {
  return Object.hasOwn(RECORD_KINDS, kind);
}

const ID = 'whoop';
// The client (API schemas, normalizers) and the history search load on first use, not at start-up.
const client = lazyModule(() => import('./client.js'));
const historySearch = lazyModule(() => import('./history-start.js'));
const DISPLAY_NAME = 'WHOOP';
const CAPABILITIES = { pull: true, webhook: true, oauth: true, personalToken: true };
/** The real WHOOP API (the spec's server) and the host of `/oauth/oauth2/*`. */
const ENDPOINTS: ProviderEndpoints = { apiBaseUrl: 'https://api.prod.whoop.com/developer', authBaseUrl: 'https://api.prod.whoop.com' };

/** Builds the WHOOP provider. */
export function createWhoopProvider(options: WhoopProviderOptions): WhoopProvider {
  return {
    id: ID,
    displayName: DISPLAY_NAME,
    capabilities: CAPABILITIES,
    resources: WHOOP_RESOURCES,
    oauth: createWhoopOAuth(options),
    fetchWindow(resource, window, context) {
      return lazyIterable(async () => (await client()).fetchWhoopWindow(options.apiBaseUrl, resource, window, context));
    },
    async probe(context) {
      return (await client()).probeWhoop(options.apiBaseUrl, context);
    },
    recordsById: {
      kinds: RECORD_KINDS,
      async fetch(kind, id, context) {
        if (!isRecordKind(kind)) throw new WearablesError('VALIDATION_ERROR', `No WHOOP lookup "${kind.slice(0, 40)}".`, { hint: `Use one of: ${Object.keys(RECORD_KINDS).join(', ')}.` });
        return (await client()).fetchWhoopRecord(options.apiBaseUrl, kind, id, context);
      },
    },
    webhooks: createWhoopWebhooks(options),
    history: {
      earliestDay: WHOOP_EARLIEST_DAY,
      historyStart: async (context) => (await historySearch()).findWhoopHistoryStart(options.apiBaseUrl, context),
      budget: WHOOP_BACKFILL_BUDGET,
    },
  };
}

export type { WhoopRecordKind } from './client.js';

/** Everything the project knows about WHOOP. */
export const WHOOP_MODULE = defineProviderModule({
  id: ID,
  displayName: DISPLAY_NAME,
  about: 'the WHOOP strap: cycles with strain, recoveries (HRV, resting heart rate), sleeps incl. naps, workouts',
  endpoints: ENDPOINTS,
  capabilities: CAPABILITIES,
  resources: WHOOP_RESOURCES,
  createProvider: (settings, fetch) => createWhoopProvider(oauthProviderOptions(ENDPOINTS, settings, fetch)),
  // Loaded on the first call of one of its tools: tools/list is served from the build's manifest.
  loadTools: () => import('./tools/index.js').then((tools) => tools.WHOOP_TOOLS),
  dayView: {
    mappings: WHOOP_MAPPINGS,
    // Second for sleep and heart (its nightly values are taken in deep sleep); it counts no steps,
    // so last for activity; first for skin temperature and workouts, which it tracks continuously.
    headline: { sleep: 2, heart: 2, readiness: 2, activity: 3, body: 3, skin_temp_c: 0, workout_count: 0, workout_minutes: 0 },
  },
  fhirSources: WHOOP_SOURCES,
  connectHelp: 'whoop: register an app at https://developer-dashboard.whoop.com and set WHOOP_CLIENT_ID / WHOOP_CLIENT_SECRET (the offline scope is requested for you).',
  reportColor: '#d9480f',
  demo: { mark: 'w' },
});

/**
 * The Oura provider: `createOuraProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry.
 */
import type { FetchLike } from '../../core/http.js';
import type { OAuthProvider } from '../provider.js';
import { defineProviderModule, oauthProviderOptions, type ProviderEndpoints } from '../provider-module.js';
import { createReportedZone } from '../reported-zone.js';
import { createOuraOAuth } from './oauth.js';
import { OURA_RESOURCES } from './resources.js';
import { OURA_BACKFILL_BUDGET, OURA_EARLIEST_DAY } from './limits.js';
import { lazyIterable, lazyModule } from '../../core/lazy-module.js';
import { createOuraWebhooks } from './webhooks/index.js';
import { OURA_MAPPINGS } from './day-view.js';
import { OURA_SOURCES } from './fhir.js';

export interface OuraProviderOptions {
  /** `https://api.ouraring.com` or the simulator's Oura API base. */
  apiBaseUrl: string;
  /** `https://cloud.ouraring.com` or the simulator's Oura auth base. */
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Used for OAuth calls; API calls go through the `AuthorizedHttp` in the fetch context. */
  fetch?: FetchLike;
}

const ID = 'oura';
// The client (API schemas, normalizers) and the history search load on first use, not at start-up.
const client = lazyModule(() => import('./client.js'));
const historySearch = lazyModule(() => import('./history-start.js'));
const DISPLAY_NAME = 'Oura';
const CAPABILITIES = { pull: true, webhook: true, oauth: true, personalToken: true };
/** The real Oura API and authorization server. */
const ENDPOINTS: ProviderEndpoints = { apiBaseUrl: 'https://api.ouraring.com', authBaseUrl: 'https://cloud.ouraring.com' };

/** Builds the Oura provider. */
export function createOuraProvider(options: OuraProviderOptions): OAuthProvider {
  const zone = createReportedZone<string>();
  return {
    id: ID,
    displayName: DISPLAY_NAME,
    capabilities: CAPABILITIES,
    resources: OURA_RESOURCES,
    oauth: createOuraOAuth(options),
    fetchWindow(resource, window, context) {
      return lazyIterable(async () => (await client()).fetchOuraWindow(options.apiBaseUrl, resource, window, context, zone));
    },
    async probe(context) {
      return (await client()).probeOura(options.apiBaseUrl, context);
    },
    webhooks: createOuraWebhooks(options),
    history: {
      earliestDay: OURA_EARLIEST_DAY,
      historyStart: async (context) => (await historySearch()).findOuraHistoryStart(options.apiBaseUrl, context),
      budget: OURA_BACKFILL_BUDGET,
    },
  };
}

/** Everything the project knows about Oura. */
export const OURA_MODULE = defineProviderModule({
  id: ID,
  displayName: DISPLAY_NAME,
  about: 'the Oura ring: sleep stages and scores, readiness, activity, heart rate, SpO2, workouts, tags',
  endpoints: ENDPOINTS,
  capabilities: CAPABILITIES,
  resources: OURA_RESOURCES,
  createProvider: (settings, fetch) => createOuraProvider(oauthProviderOptions(ENDPOINTS, settings, fetch)),
  // Loaded on the first call of one of its tools: tools/list is served from the build's manifest.
  loadTools: () => import('./tools/index.js').then((tools) => tools.OURA_TOOLS),
  dayView: {
    mappings: OURA_MAPPINGS,
    // Finger PPG with stages validated against PSG and nightly averages over the whole night lead
    // sleep and heart; all-day step counting leads activity; a typed-in profile weight ranks after a scale.
    headline: { sleep: 1, heart: 1, readiness: 1, activity: 1, body: 2, skin_temp_c: 2, workout_count: 2, workout_minutes: 2 },
  },
  fhirSources: OURA_SOURCES,
  connectHelp: 'oura: register an app at https://cloud.ouraring.com/oauth/applications and set OURA_CLIENT_ID / OURA_CLIENT_SECRET, or pass --token <personal access token>.',
  reportColor: '#2f6fdf',
  demo: { mark: 'a' },
});

/**
 * The Oura provider: `createOuraProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry.
 */
import type { FetchLike } from '../../core/http.js';
import type { Provider } from '../provider.js';
import { createReportedZone } from '../reported-zone.js';
import { fetchOuraWindow, probeOura } from './client.js';
import { createOuraOAuth } from './oauth.js';
import { OURA_RESOURCES } from './resources.js';
import { OURA_BACKFILL_BUDGET, OURA_EARLIEST_DAY, findOuraHistoryStart } from './history-start.js';
import { createOuraWebhooks } from './webhooks/index.js';

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

/** Builds the Oura provider. */
export function createOuraProvider(options: OuraProviderOptions): Provider {
  const zone = createReportedZone<string>();
  return {
    id: 'oura',
    displayName: 'Oura',
    capabilities: { pull: true, webhook: true, oauth: true, personalToken: true },
    resources: OURA_RESOURCES,
    oauth: createOuraOAuth(options),
    fetchWindow(resource, window, context) {
      return fetchOuraWindow(options.apiBaseUrl, resource, window, context, zone);
    },
    probe(context) {
      return probeOura(options.apiBaseUrl, context);
    },
    webhooks: createOuraWebhooks(options),
    history: {
      earliestDay: OURA_EARLIEST_DAY,
      historyStart: (context) => findOuraHistoryStart(options.apiBaseUrl, context),
      budget: OURA_BACKFILL_BUDGET,
    },
  };
}

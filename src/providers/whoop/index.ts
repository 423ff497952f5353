/**
 * The WHOOP provider: `createWhoopProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry. Besides the `Provider`
 * seam it can fetch one record by id (`fetchRecord`), which the WHOOP get tools use.
 */
import type { NormalizedRecord } from '../../core/types.js';
import type { FetchLike } from '../../core/http.js';
import type { FetchContext, Provider } from '../provider.js';
import { fetchWhoopRecord, fetchWhoopWindow, probeWhoop, type WhoopRecordKind } from './client.js';
import { createWhoopOAuth } from './oauth.js';
import { WHOOP_RESOURCES } from './resources.js';
import { WHOOP_BACKFILL_BUDGET, WHOOP_EARLIEST_DAY, findWhoopHistoryStart } from './history-start.js';
import { createWhoopWebhooks } from './webhooks/index.js';

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

/** The WHOOP provider: a `Provider` that can also fetch one record by id. */
export interface WhoopProvider extends Provider {
  id: 'whoop';
  fetchRecord(kind: WhoopRecordKind, id: string, context: FetchContext): Promise<NormalizedRecord>;
}

/** Builds the WHOOP provider. */
export function createWhoopProvider(options: WhoopProviderOptions): WhoopProvider {
  return {
    id: 'whoop',
    displayName: 'WHOOP',
    capabilities: { pull: true, webhook: true, oauth: true, personalToken: true },
    resources: WHOOP_RESOURCES,
    oauth: createWhoopOAuth(options),
    fetchWindow(resource, window, context) {
      return fetchWhoopWindow(options.apiBaseUrl, resource, window, context);
    },
    probe(context) {
      return probeWhoop(options.apiBaseUrl, context);
    },
    fetchRecord(kind, id, context) {
      return fetchWhoopRecord(options.apiBaseUrl, kind, id, context);
    },
    webhooks: createWhoopWebhooks(options),
    history: {
      earliestDay: WHOOP_EARLIEST_DAY,
      historyStart: (context) => findWhoopHistoryStart(options.apiBaseUrl, context),
      budget: WHOOP_BACKFILL_BUDGET,
    },
  };
}

/** Whether a registered provider is the WHOOP provider (with `fetchRecord`). */
export function isWhoopProvider(provider: Provider | undefined): provider is WhoopProvider {
  return provider?.id === 'whoop' && typeof (provider as Partial<WhoopProvider>).fetchRecord === 'function';
}

export type { WhoopRecordKind } from './client.js';

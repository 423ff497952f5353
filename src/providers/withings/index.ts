/**
 * The Withings provider: `createWithingsProvider({ apiBaseUrl, authBaseUrl, clientId, clientSecret, fetch })`.
 * Nothing here reads `process.env`; config is injected by the registry.
 */
import type { FetchLike } from '../../core/http.js';
import type { Provider } from '../provider.js';
import { createReportedZone } from '../reported-zone.js';
import { callWithings, type WithingsApi } from './api.js';
import { fetchWithingsWindow } from './client.js';
import { createWithingsOAuth } from './oauth.js';
import { createPacer } from './pacer.js';
import { createWithingsSignals, type WithingsSignals } from './signals.js';
import { WITHINGS_RESOURCES, withingsResource } from './resources.js';
import { createWithingsWebhooks } from './webhooks/index.js';
import { WITHINGS_BACKFILL_BUDGET, WITHINGS_EARLIEST_DAY, findWithingsHistoryStart } from './history-start.js';

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

/** Withings' documented request limit per minute. */
export const WITHINGS_REQUESTS_PER_MINUTE = 120;

/** The Withings provider: the common seam plus on-demand ECG / stethoscope signals. */
export interface WithingsProvider extends Provider {
  signals: WithingsSignals;
}

/** The signal calls of a registered provider, when it is the Withings one. */
export function withingsSignals(provider: Provider | undefined): WithingsSignals | undefined {
  return provider && provider.id === 'withings' && 'signals' in provider ? (provider as WithingsProvider).signals : undefined;
}

/** Builds the Withings provider. */
export function createWithingsProvider(options: WithingsProviderOptions): WithingsProvider {
  const api: WithingsApi = {
    apiBaseUrl: options.apiBaseUrl,
    pacer: createPacer({ perMinute: options.requestsPerMinute ?? WITHINGS_REQUESTS_PER_MINUTE }),
    zone: createReportedZone<string>(),
  };
  return {
    id: 'withings',
    displayName: 'Withings',
    capabilities: { pull: true, webhook: true, oauth: true, personalToken: true },
    resources: WITHINGS_RESOURCES,
    signals: createWithingsSignals(api),
    oauth: createWithingsOAuth(options),
    fetchWindow(resource, window, context) {
      return fetchWithingsWindow(api, resource, window, context);
    },
    async probe(context) {
      const goals = withingsResource('goals');
      if (goals) await callWithings(api, goals.service, {}, context);
    },
    webhooks: createWithingsWebhooks(api),
    history: {
      earliestDay: WITHINGS_EARLIEST_DAY,
      historyStart: (context) => findWithingsHistoryStart(api, context),
      budget: WITHINGS_BACKFILL_BUDGET,
    },
  };
}

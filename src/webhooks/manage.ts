/**
 * Subscription management behind `wearables-mcp webhooks`: finds the provider's declared
 * subscription API and runs one action. The callback URL defaults to
 * `<PUBLIC_BASE_URL>/webhooks/<provider>` (the receiver of `serve --http`).
 */
import { WearablesError } from '../core/errors.js';
import type { AuthorizedHttp, FetchLike } from '../core/http.js';
import type { ProviderId } from '../core/types.js';
import type { Provider } from '../providers/provider.js';
import type { WebhookSubscription, WebhookSubscriptionApi } from '../providers/webhook-capability.js';

/** What managing subscriptions needs of the app: the providers and their authenticated HTTP. */
export interface SubscriptionContext {
  providers: ReadonlyMap<ProviderId, Provider>;
  http(provider: ProviderId): AuthorizedHttp;
}

export type SubscriptionAction = 'subscribe' | 'list' | 'renew' | 'unsubscribe';

export interface ManageOptions {
  action: SubscriptionAction;
  provider: ProviderId;
  /** Subscription id for renew / unsubscribe (default: all). */
  id?: string;
  callbackUrl?: string;
  publicBaseUrl?: string;
  verificationToken?: string;
  resources?: string[];
  fetch?: FetchLike;
}

export interface ManageResult {
  provider: ProviderId;
  action: SubscriptionAction;
  subscriptions: WebhookSubscription[];
  removed?: string[];
}

/** The subscription API of `provider`, or a VALIDATION_ERROR saying it has none. */
export function subscriptionApi(context: SubscriptionContext, provider: ProviderId, fetch?: FetchLike): WebhookSubscriptionApi {
  const implementation = context.providers.get(provider);
  const factory = implementation?.webhooks?.subscriptions;
  if (implementation?.webhooks?.manualSetup && !factory) {
    throw new WearablesError('VALIDATION_ERROR', `Not supported: ${implementation.displayName} has no webhook subscription API, so there is nothing to subscribe, list, renew or unsubscribe.`, {
      hint: implementation.webhooks.manualSetup,
    });
  }
  if (!implementation || !factory) {
    throw new WearablesError('VALIDATION_ERROR', `${implementation?.displayName ?? provider} has no webhook subscription API here.`, {
      hint: 'Providers whose webhooks are configured in their developer portal need no subscription; others sync on the schedule.',
    });
  }
  return factory({ http: context.http(provider), fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)) });
}

/** Runs one subscription action. */
export async function manageSubscriptions(context: SubscriptionContext, options: ManageOptions): Promise<ManageResult> {
  const api = subscriptionApi(context, options.provider, options.fetch);
  const base = { provider: options.provider, action: options.action };
  switch (options.action) {
    case 'list':
      return { ...base, subscriptions: await api.list() };
    case 'renew':
      return { ...base, subscriptions: await api.renew(options.id) };
    case 'unsubscribe':
      return { ...base, subscriptions: [], removed: await api.unsubscribe(options.id) };
    case 'subscribe': {
      const callbackUrl = options.callbackUrl ?? (options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/+$/, '')}/webhooks/${options.provider}` : undefined);
      if (!callbackUrl) {
        throw new WearablesError('CONFIG_ERROR', 'No callback URL: the provider must reach your server.', {
          hint: 'Set PUBLIC_BASE_URL (e.g. your tunnel URL) or pass --callback-url https://.../webhooks/<provider>.',
        });
      }
      const request = {
        callbackUrl,
        ...(options.verificationToken ? { verificationToken: options.verificationToken } : {}),
        ...(options.resources ? { resources: options.resources } : {}),
      };
      return { ...base, subscriptions: await api.subscribe(request) };
    }
  }
}

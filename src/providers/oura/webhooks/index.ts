/** The Oura webhook capability: `createOuraWebhooks({ apiBaseUrl, clientId, clientSecret })`. */
import { withSignedAt } from '../../webhook-signatures.js';
import type { ProviderWebhooks } from '../../webhook-capability.js';
import { createOuraSubscriptions } from './subscriptions.js';
import { verifyOuraDelivery } from './verify.js';

export interface OuraWebhookOptions {
  apiBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
}

/** Builds the capability object the Oura provider exposes as `webhooks`. */
export function createOuraWebhooks(options: OuraWebhookOptions): ProviderWebhooks {
  return {
    verify: (delivery, context) => withSignedAt(verifyOuraDelivery(delivery, context, options.clientSecret), delivery.headers.get('x-oura-timestamp')),
    subscriptions: (deps) =>
      createOuraSubscriptions({ apiBaseUrl: options.apiBaseUrl, clientId: options.clientId, clientSecret: options.clientSecret, fetch: deps.fetch }),
  };
}

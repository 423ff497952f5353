/**
 * Oura's webhook subscription API (`/v2/webhook/subscription`, authenticated with the app's
 * `x-client-id` / `x-client-secret`, not the user's token). One subscription per data type and
 * event type; Oura verifies the callback URL with a challenge before it answers 201.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { FetchLike } from '../../../core/http.js';
import type { SubscribeRequest, WebhookSubscription, WebhookSubscriptionApi } from '../../webhook-capability.js';
import { OURA_EVENT_TYPES, OURA_WEBHOOK_DATA_TYPES } from './data-types.js';

const subscriptionSchema = z.object({
  id: z.string(),
  callback_url: z.string(),
  event_type: z.string(),
  data_type: z.string(),
  expiration_time: z.string().nullable().optional(),
});

export interface OuraSubscriptionOptions {
  apiBaseUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  fetch: FetchLike;
}

/** The Oura subscription API over plain fetch. */
export function createOuraSubscriptions(options: OuraSubscriptionOptions): WebhookSubscriptionApi {
  const base = `${options.apiBaseUrl.replace(/\/+$/, '')}/v2/webhook/subscription`;

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!options.clientId || !options.clientSecret) {
      throw new WearablesError('CONFIG_ERROR', 'Oura webhook subscriptions need the app credentials (OURA_CLIENT_ID and OURA_CLIENT_SECRET).', {
        hint: 'Register an Oura API application, set OURA_CLIENT_ID and OURA_CLIENT_SECRET, then retry.',
      });
    }
    let response: Response;
    try {
      response = await options.fetch(`${base}${path}`, {
        method,
        headers: {
          'x-client-id': options.clientId,
          'x-client-secret': options.clientSecret,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new WearablesError('UPSTREAM_ERROR', 'Oura webhook API unreachable.', { hint: 'Check the network, then retry.', cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw subscriptionError(response.status, method);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  const toSubscription = (value: unknown): WebhookSubscription => {
    const parsed = subscriptionSchema.parse(value);
    return { id: parsed.id, resource: parsed.data_type, event: parsed.event_type, callbackUrl: parsed.callback_url, expiresAt: parsed.expiration_time ?? null };
  };
  const list = async () => z.array(z.unknown()).parse(await call('GET', '')).map(toSubscription);

  return {
    list,
    async subscribe(request: SubscribeRequest) {
      if (!request.verificationToken) {
        throw new WearablesError('CONFIG_ERROR', 'Oura subscriptions need a verification token (WEBHOOK_VERIFICATION_TOKEN).', {
          hint: 'Set WEBHOOK_VERIFICATION_TOKEN to the same value on the running server and here, then retry.',
        });
      }
      const dataTypes = request.resources ?? [...OURA_WEBHOOK_DATA_TYPES];
      const unknown = dataTypes.filter((type) => !(OURA_WEBHOOK_DATA_TYPES as readonly string[]).includes(type));
      if (unknown.length > 0) {
        throw new WearablesError('VALIDATION_ERROR', `Oura cannot notify about: ${unknown.join(', ')}.`, {
          hint: `Use some of: ${OURA_WEBHOOK_DATA_TYPES.join(', ')}.`,
        });
      }
      const existing = await list();
      const created: WebhookSubscription[] = [];
      for (const dataType of dataTypes) {
        for (const eventType of Object.keys(OURA_EVENT_TYPES)) {
          const same = existing.find((entry) => entry.resource === dataType && entry.event === eventType && entry.callbackUrl === request.callbackUrl);
          if (same) {
            created.push(same);
            continue;
          }
          const body = { callback_url: request.callbackUrl, verification_token: request.verificationToken, event_type: eventType, data_type: dataType };
          created.push(toSubscription(await call('POST', '', body)));
        }
      }
      return created;
    },
    async renew(id?: string) {
      const ids = id ? [id] : (await list()).map((entry) => entry.id);
      const renewed: WebhookSubscription[] = [];
      for (const each of ids) renewed.push(toSubscription(await call('PUT', `/renew/${encodeURIComponent(each)}`)));
      return renewed;
    },
    async unsubscribe(id?: string) {
      const ids = id ? [id] : (await list()).map((entry) => entry.id);
      for (const each of ids) await call('DELETE', `/${encodeURIComponent(each)}`);
      return ids;
    },
  };
}

function subscriptionError(status: number, method: string): WearablesError {
  if (status === 401 || status === 403) {
    return new WearablesError('AUTH_FAILED', `Oura refused the webhook ${method} (HTTP ${status}): wrong client credentials or no such subscription.`, {
      hint: 'Check OURA_CLIENT_ID / OURA_CLIENT_SECRET and the subscription id (`wearables-mcp webhooks list oura`).',
      statusCode: status,
    });
  }
  if (status === 404) return new WearablesError('NOT_FOUND', 'No such Oura webhook subscription.', { hint: 'List them with `wearables-mcp webhooks list oura`.', statusCode: 404 });
  if (status === 400 || status === 422) {
    return new WearablesError('VALIDATION_ERROR', `Oura rejected the webhook ${method} (HTTP ${status}): the callback URL did not answer the verification challenge, or a field is invalid.`, {
      hint: 'Start `wearables-mcp serve --http` with the same WEBHOOK_VERIFICATION_TOKEN, make /webhooks/oura reachable at the callback URL, then retry.',
      statusCode: status,
    });
  }
  return new WearablesError('UPSTREAM_ERROR', `Oura webhook API answered HTTP ${status}.`, { hint: 'Retry later.', statusCode: status, isRetryable: status >= 500 || status === 429 });
}

/**
 * `/webhooks/<provider>`: receivers for providers that declare `webhooks`. A delivery is
 * verified by the provider's capability (signature, timestamp, challenge); authentic deliveries
 * are answered 200 at once (Withings wants an answer within 2 s) and synced afterwards.
 * Refusals are logged with provider and reason only, never with the payload.
 */
import { Hono } from 'hono';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { Provider } from '../providers/provider.js';
import type { WebhookDispatcher } from '../webhooks/dispatch.js';

export interface WebhookRoutesOptions {
  providers: ReadonlyMap<ProviderId, Provider>;
  dispatcher: WebhookDispatcher;
  logger: Logger;
  now: () => number;
  toleranceMs: number;
  verificationToken?: string;
  /** The connected account's provider user id (for providers declaring `needsAccountUserId`). */
  accountUserId?: (provider: ProviderId) => Promise<string | undefined>;
}

const MAX_BODY_BYTES = 256 * 1024;

/** Builds the receiver routes (mounted at `/webhooks`). */
export function createWebhookRoutes(options: WebhookRoutesOptions): Hono {
  const app = new Hono();
  app.all('/:provider', async (c) => {
    const provider = options.providers.get(c.req.param('provider') as ProviderId);
    const capability = provider?.webhooks;
    if (!provider || !capability) return c.json({ error: 'not_found', error_description: 'No webhook receiver for this provider.' }, 404);
    // Withings probes the callback with HEAD before it accepts a subscription.
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const body = await c.req.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return c.json({ error: 'payload_too_large' }, 413);
    const accountUserId = capability.needsAccountUserId ? await options.accountUserId?.(provider.id).catch(() => undefined) : undefined;
    const outcome = capability.verify(
      { method: c.req.method, url: new URL(c.req.url), headers: c.req.raw.headers, body },
      {
        now: options.now(),
        toleranceMs: options.toleranceMs,
        ...(options.verificationToken ? { verificationToken: options.verificationToken } : {}),
        ...(accountUserId ? { accountUserId } : {}),
      },
    );
    if (outcome.kind === 'refused') {
      options.logger.warn({ provider: provider.id, reason: outcome.reason, method: c.req.method }, 'webhook delivery refused');
      return c.json({ error: outcome.reason }, outcome.status);
    }
    if (outcome.kind === 'reply') {
      return outcome.body === undefined ? c.body(null, outcome.status as 200) : c.json(outcome.body, outcome.status as 200);
    }
    options.logger.info({ provider: provider.id, events: outcome.events.length }, 'webhook delivery accepted');
    void options.dispatcher.dispatch(provider.id, outcome.events);
    return c.json({ ok: true }, 200);
  });
  return app;
}

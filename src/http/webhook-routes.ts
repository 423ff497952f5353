/**
 * `/webhooks/<provider>`: receivers for providers that declare `webhooks`. Each receiver is rate
 * limited per sending address; the body is read with a streaming size limit (413 past it, never
 * buffered whole); a delivery is verified by the provider's capability (signature, timestamp,
 * challenge), and a signed one already accepted inside its freshness window is refused as a
 * replay. Authentic deliveries are answered 200 at once (some providers want an answer within 2 s) and
 * synced afterwards. Refusals are logged with provider and reason only, never with the payload.
 */
import { Hono, type Context } from 'hono';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { Provider } from '../providers/provider.js';
import type { WebhookDispatcher } from '../webhooks/dispatch.js';
import { createSeenDeliveries, deliveryKey, type SeenDeliveries } from '../webhooks/seen-deliveries.js';
import type { WebhookOutcome } from '../providers/webhook-capability.js';
import { payloadTooLarge, readBodyLimited } from './read-body.js';
import { rateLimit, type RateLimiter } from './rate-limit.js';

export interface WebhookRoutesOptions {
  providers: ReadonlyMap<ProviderId, Provider>;
  dispatcher: WebhookDispatcher;
  logger: Logger;
  now: () => number;
  toleranceMs: number;
  verificationToken?: string;
  /** The connected account's provider user id (for providers declaring `needsAccountUserId`). */
  accountUserId?: (provider: ProviderId) => Promise<string | undefined>;
  /** Budget per receiver and sending address. */
  limiter: RateLimiter;
  /** The request's client address (see `clientAddressFor`). */
  clientAddress: (request: Request, env: unknown) => string;
  /** Accepted signed deliveries (default: a fresh table). */
  seen?: SeenDeliveries;
  /** Largest body read (default 256 KiB). */
  maxBodyBytes?: number;
}

const MAX_BODY_BYTES = 256 * 1024;

/** Builds the receiver routes (mounted at `/webhooks`). */
export function createWebhookRoutes(options: WebhookRoutesOptions): Hono {
  const app = new Hono();
  const seen = options.seen ?? createSeenDeliveries();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const accepted = (c: Context) => c.json({ ok: true }, 200);
  // Unknown provider names share one bucket, so made-up paths cannot fill the limiter's table.
  const receiver = (name: string | undefined) => (name !== undefined && options.providers.has(name as ProviderId) ? name : '*');
  app.use('/:provider', rateLimit(options.limiter, (c) => `${receiver(c.req.param('provider'))} ${options.clientAddress(c.req.raw, c.env)}`, 'webhook deliveries'));
  app.all('/:provider', async (c) => {
    const provider = options.providers.get(c.req.param('provider') as ProviderId);
    const capability = provider?.webhooks;
    if (!provider || !capability) return c.json({ error: 'not_found', error_description: 'No webhook receiver for this provider.' }, 404);
    // Some providers probe the callback with HEAD before they accept a subscription.
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const body = await readBodyLimited(c.req.raw, maxBodyBytes);
    if (!body.ok) {
      options.logger.warn({ provider: provider.id, reason: 'too-large', method: c.req.method }, 'webhook delivery refused');
      return payloadTooLarge(maxBodyBytes);
    }
    const accountUserId = capability.needsAccountUserId ? await options.accountUserId?.(provider.id).catch(() => undefined) : undefined;
    const now = options.now();
    let outcome: WebhookOutcome = capability.verify(
      { method: c.req.method, url: new URL(c.req.url), headers: c.req.raw.headers, body: body.text },
      {
        now,
        toleranceMs: options.toleranceMs,
        ...(options.verificationToken ? { verificationToken: options.verificationToken } : {}),
        ...(accountUserId ? { accountUserId } : {}),
      },
    );
    if (outcome.kind === 'accepted' && outcome.signedAt !== undefined) {
      const verdict = seen.remember(deliveryKey(provider.id, outcome.signedAt, body.text), outcome.signedAt + options.toleranceMs, now);
      if (verdict === 'replay') outcome = { kind: 'refused', reason: 'replayed', status: 409 };
      if (verdict === 'full') outcome = { kind: 'refused', reason: 'busy', status: 503 };
    }
    if (outcome.kind === 'refused') {
      options.logger.warn({ provider: provider.id, reason: outcome.reason, method: c.req.method }, 'webhook delivery refused');
      if (outcome.disguised) return accepted(c);
      return c.json({ error: outcome.reason }, outcome.status);
    }
    if (outcome.kind === 'reply') {
      return outcome.body === undefined ? c.body(null, outcome.status as 200) : c.json(outcome.body, outcome.status as 200);
    }
    options.logger.info({ provider: provider.id, events: outcome.events.length }, 'webhook delivery accepted');
    void options.dispatcher.dispatch(provider.id, outcome.events);
    return accepted(c);
  });
  return app;
}

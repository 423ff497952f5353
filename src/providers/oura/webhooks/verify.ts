/**
 * Verifying Oura webhook deliveries:
 * - the subscription verification request: `GET ?verification_token=...&challenge=...`, answered
 *   `{ "challenge": ... }` only when the token is ours;
 * - notifications: `POST` with `x-oura-signature` = HMAC-SHA256 (client secret) of
 *   `x-oura-timestamp` + raw body, hex; refused when unsigned, badly signed or stale.
 */
import { z } from 'zod';
import type { WebhookDelivery, WebhookOutcome, WebhookVerifyContext } from '../../webhook-capability.js';
import { constantTimeEqual, hmacSha256, isFresh, parseDeliveryTimestamp } from '../../webhook-signatures.js';
import { OURA_EVENT_TYPES } from './data-types.js';

const notification = z.object({
  event_type: z.enum(['create', 'update', 'delete']),
  data_type: z.string().min(1),
  object_id: z.string().min(1).optional(),
  event_time: z.string().optional(),
});

/** Verifies one delivery with the app's `clientSecret` (undefined: refuse every notification). */
export function verifyOuraDelivery(delivery: WebhookDelivery, context: WebhookVerifyContext, clientSecret: string | undefined): WebhookOutcome {
  if (delivery.method === 'GET' || delivery.method === 'HEAD') return verifyChallenge(delivery, context);
  if (delivery.method !== 'POST') return { kind: 'reply', status: 405 };
  if (!clientSecret) return { kind: 'refused', reason: 'not-configured', status: 503 };
  const signature = delivery.headers.get('x-oura-signature');
  const timestamp = delivery.headers.get('x-oura-timestamp');
  if (!signature || !timestamp) return { kind: 'refused', reason: 'unsigned', status: 401 };
  const expected = hmacSha256(clientSecret, timestamp + delivery.body, 'hex');
  if (!constantTimeEqual(signature.trim().toLowerCase(), expected)) return { kind: 'refused', reason: 'bad-signature', status: 401 };
  const signedAt = parseDeliveryTimestamp(timestamp);
  if (signedAt === undefined || !isFresh(signedAt, context.now, context.toleranceMs)) return { kind: 'refused', reason: 'stale', status: 401 };
  let parsed: z.infer<typeof notification>;
  try {
    parsed = notification.parse(JSON.parse(delivery.body));
  } catch {
    return { kind: 'refused', reason: 'malformed', status: 400 };
  }
  return {
    kind: 'accepted',
    events: [
      {
        resource: parsed.data_type,
        change: OURA_EVENT_TYPES[parsed.event_type],
        ...(parsed.object_id ? { objectId: parsed.object_id } : {}),
        ...(parsed.event_time ? { occurredAt: parsed.event_time } : {}),
      },
    ],
  };
}

function verifyChallenge(delivery: WebhookDelivery, context: WebhookVerifyContext): WebhookOutcome {
  const token = delivery.url.searchParams.get('verification_token');
  const challenge = delivery.url.searchParams.get('challenge');
  if (token === null || challenge === null) return { kind: 'reply', status: 200, body: { ok: true } };
  if (!context.verificationToken) return { kind: 'refused', reason: 'not-configured', status: 503 };
  if (!constantTimeEqual(token, context.verificationToken)) return { kind: 'refused', reason: 'bad-verification-token', status: 401 };
  return { kind: 'reply', status: 200, body: { challenge } };
}

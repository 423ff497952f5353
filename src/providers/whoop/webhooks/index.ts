/**
 * WHOOP webhooks (`provider.webhooks`). WHOOP signs each delivery: `X-WHOOP-Signature` is
 * base64(HMAC-SHA256(client secret, `X-WHOOP-Signature-Timestamp` + raw body)), the timestamp in
 * epoch milliseconds; unsigned, badly signed and stale (replayed) deliveries are refused. The body
 * `{ user_id, id, type, trace_id }` names the changed record: `sleep.*` and `workout.*` by their
 * UUID, `recovery.*` by the UUID of the sleep it belongs to. WHOOP has no subscription API: the
 * webhook URL is set in the developer dashboard.
 */
import { z } from 'zod';
import { constantTimeEqual, hmacSha256, isFresh, parseDeliveryTimestamp, withSignedAt } from '../../webhook-signatures.js';
import type { ProviderWebhooks, WebhookDelivery, WebhookEvent, WebhookOutcome, WebhookVerifyContext } from '../../webhook-capability.js';

export interface WhoopWebhookOptions {
  clientSecret?: string;
}

const delivery = z.object({
  user_id: z.union([z.number(), z.string()]),
  id: z.union([z.string().min(1), z.number()]),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  trace_id: z.string().optional(),
});

const CHANGES = { updated: 'updated', deleted: 'deleted', created: 'created' } as const;
const RESOURCES = new Set(['sleep', 'workout', 'recovery']);

/** Where WHOOP webhooks are configured (the `webhooks` CLI hint). */
export const WHOOP_WEBHOOK_SETUP =
  'Set the webhook URL (<PUBLIC_BASE_URL>/webhooks/whoop, model version v2) in the WHOOP Developer Dashboard under your app; deliveries are signed with your WHOOP_CLIENT_SECRET.';

/** Builds the capability object the WHOOP provider exposes as `webhooks`. */
export function createWhoopWebhooks(options: WhoopWebhookOptions): ProviderWebhooks {
  return {
    verify: (incoming, context) => withSignedAt(verifyWhoopDelivery(incoming, context, options.clientSecret), incoming.headers.get('x-whoop-signature-timestamp')),
    manualSetup: WHOOP_WEBHOOK_SETUP,
  };
}

/** Verifies one WHOOP delivery with the app's client secret (undefined: refuse every delivery). */
export function verifyWhoopDelivery(incoming: WebhookDelivery, context: WebhookVerifyContext, clientSecret: string | undefined): WebhookOutcome {
  if (incoming.method !== 'POST') return { kind: 'reply', status: 405 };
  if (!clientSecret) return { kind: 'refused', reason: 'not-configured', status: 503 };
  const signature = incoming.headers.get('x-whoop-signature');
  const timestamp = incoming.headers.get('x-whoop-signature-timestamp');
  if (!signature || !timestamp) return { kind: 'refused', reason: 'unsigned', status: 401 };
  if (!constantTimeEqual(signature.trim(), hmacSha256(clientSecret, timestamp + incoming.body, 'base64'))) {
    return { kind: 'refused', reason: 'bad-signature', status: 401 };
  }
  const signedAt = parseDeliveryTimestamp(timestamp);
  if (signedAt === undefined || !isFresh(signedAt, context.now, context.toleranceMs)) return { kind: 'refused', reason: 'stale', status: 401 };
  let parsed: z.infer<typeof delivery>;
  try {
    parsed = delivery.parse(JSON.parse(incoming.body));
  } catch {
    return { kind: 'refused', reason: 'malformed', status: 400 };
  }
  const events = whoopEvents(parsed.type, String(parsed.id), new Date(signedAt).toISOString());
  // v1-model deliveries name the record by its v1 integer id (recorded
  // webhook_sleep_updated_v1_1.json: "id":715846661), which v2 stores as `v1_id`, not as the id.
  return { kind: 'accepted', events: typeof parsed.id === 'number' ? events.map((event) => ({ ...event, idField: 'v1_id' })) : events };
}

/** The change events of one delivery type (`recovery.updated`); none for types we do not sync. */
export function whoopEvents(type: string, id: string, occurredAt: string): WebhookEvent[] {
  const [resource = '', action = ''] = type.split('.');
  const change = CHANGES[action as keyof typeof CHANGES];
  if (!RESOURCES.has(resource) || !change) return [];
  if (resource !== 'recovery') return [{ resource, change, objectId: id, occurredAt }];
  // A recovery is stored by cycle id; WHOOP names it by its sleep, whose stored day locates it.
  // Re-scoring a sleep changes its recovery and cycle too, so all three are refreshed.
  const dayOf = { resource: 'sleep', objectId: id };
  return [
    { resource: 'recovery', change, dayOf, occurredAt },
    { resource: 'sleep', change: 'updated', objectId: id, occurredAt },
    { resource: 'cycle', change: 'updated', dayOf, occurredAt },
  ];
}

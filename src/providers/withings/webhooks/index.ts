/**
 * Withings webhooks (`provider.webhooks`): the notify service and its deliveries. Withings POSTs a
 * form (`userid`, `appli`, `startdate`, `enddate`, `date`) and probes the callback with HEAD
 * before it subscribes. Deliveries are not signed, so one is accepted only when `userid` is the
 * connected account's (the grant's `userid`); others are refused (answered like an acceptance, so
 * the answer does not confirm a guessed user id) and logged without their payload. The span a
 * delivery announces is clamped by the dispatcher (`boundedWindow`).
 */
import { DAY_PATTERN } from '../../../core/time/days.js';
import { constantTimeEqual } from '../../webhook-signatures.js';
import type { ProviderWebhooks, WebhookDelivery, WebhookEvent, WebhookOutcome, WebhookVerifyContext } from '../../webhook-capability.js';
import type { WithingsApi } from '../api.js';
import { WITHINGS_APPLI_RESOURCES } from './notify-categories.js';
import { createWithingsSubscriptions } from './notify-subscriptions.js';

/** Builds the capability object the Withings provider exposes as `webhooks`. */
export function createWithingsWebhooks(api: WithingsApi): ProviderWebhooks {
  return {
    verify: verifyWithingsDelivery,
    subscriptions: (deps) => createWithingsSubscriptions(api, deps.http),
    needsAccountUserId: true,
  };
}

/** Verifies one Withings delivery against the connected account's user id. */
export function verifyWithingsDelivery(delivery: WebhookDelivery, context: WebhookVerifyContext): WebhookOutcome {
  if (delivery.method === 'GET') return { kind: 'reply', status: 200 };
  if (delivery.method !== 'POST') return { kind: 'reply', status: 405 };
  const form = new URLSearchParams(delivery.body);
  for (const [key, value] of delivery.url.searchParams) if (!form.has(key)) form.set(key, value);
  const userId = form.get('userid');
  if (!userId) return { kind: 'refused', reason: 'unsigned', status: 401 };
  // Answered like an acceptance: a different answer would confirm to a guesser which user ids are wrong.
  if (!context.accountUserId) return { kind: 'refused', reason: 'not-configured', status: 503, disguised: true };
  if (!constantTimeEqual(userId.trim(), context.accountUserId)) return { kind: 'refused', reason: 'unknown-user', status: 401, disguised: true };
  const appli = Number(form.get('appli'));
  const resources = WITHINGS_APPLI_RESOURCES[appli];
  if (!Number.isInteger(appli) || !resources) return { kind: 'accepted', events: [] };
  const span = spanOf(form, context.now);
  return { kind: 'accepted', events: resources.map((resource): WebhookEvent => ({ resource, change: 'updated', ...span })) };
}

const MAX_EPOCH_SECONDS = 8.64e12;

/** The announced span: `startdate`/`enddate` (epoch seconds), else `date` (YYYY-MM-DD), else now. */
function spanOf(form: URLSearchParams, now: number): Pick<WebhookEvent, 'window' | 'day' | 'occurredAt'> {
  const start = Number(form.get('startdate'));
  const end = Number(form.get('enddate') ?? form.get('startdate'));
  // Epoch seconds a Date can hold; the dispatcher clamps the span to a few recent days.
  if (start > 0 && end >= start && end < MAX_EPOCH_SECONDS) {
    // The list services filter by [startdate, enddate): one second more keeps a single-instant span.
    return { window: { start: new Date(start * 1000).toISOString(), end: new Date((end + 1) * 1000).toISOString() } };
  }
  const date = form.get('date');
  if (date && DAY_PATTERN.test(date)) return { day: date };
  return { occurredAt: new Date(now).toISOString() };
}

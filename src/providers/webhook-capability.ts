/**
 * The webhook capability a provider declares (`provider.webhooks`): how to verify a delivery
 * and turn it into change events, and (where the provider has one) its subscription API. The
 * HTTP receiver, the dispatcher and `wearables-mcp webhooks` read only this, never provider ids.
 */
import type { AuthorizedHttp, FetchLike } from '../core/http.js';
import type { LocalDay, TimeWindow } from '../core/types.js';

/** One incoming HTTP delivery, body read as text (signatures are over the exact bytes). */
export interface WebhookDelivery {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A change the provider announced; the dispatcher turns it into a targeted sync. */
export interface WebhookEvent {
  /** Resource name as the provider declares it in `resources` (`sleep`, `daily_readiness`). */
  resource: string;
  change: 'created' | 'updated' | 'deleted';
  /** Provider id of the changed document, when the delivery names one. */
  objectId?: string;
  /** Local day of the change, when the delivery names one. */
  day?: LocalDay;
  /** When the change happened (ISO-8601), when the delivery says. */
  occurredAt?: string;
  /** The changed span (ISO instants), when the delivery names one (`startdate`/`enddate`). */
  window?: TimeWindow;
  /**
   * The stored record whose day locates this change, when it is not the changed record itself
   * (a recovery announced by the id of its sleep).
   */
  dayOf?: { resource: string; objectId: string };
  /**
   * The stored data field the named id (`objectId` or `dayOf.objectId`) matches, when it is not
   * the record id: a v1 delivery names the v1 integer id, stored as `v1_id`.
   */
  idField?: string;
}

/** Why a delivery was refused (logged with the provider, never with the payload). */
export type WebhookRefusal = 'unsigned' | 'bad-signature' | 'stale' | 'malformed' | 'bad-verification-token' | 'not-configured' | 'replayed' | 'busy' | 'unknown-user';

export type WebhookOutcome =
  /** Answer directly (verification challenge, HEAD probe); nothing to sync. */
  | { kind: 'reply'; status: number; body?: unknown }
  /**
   * Authentic delivery: answer 200 at once, then sync these events. `signedAt` (epoch ms) marks
   * a signed delivery: the receiver remembers it for the freshness window and refuses replays.
   */
  | { kind: 'accepted'; events: WebhookEvent[]; signedAt?: number }
  /**
   * Refused. `disguised`: answered exactly like an accepted delivery (only logged as refused),
   * for unsigned deliveries whose refusal would tell a guesser that a guessed id is wrong.
   */
  | { kind: 'refused'; reason: WebhookRefusal; status: 400 | 401 | 403 | 409 | 503; disguised?: boolean };

export interface WebhookVerifyContext {
  /** Epoch ms (the app clock). */
  now: number;
  /** Deliveries signed further than this from `now` are refused as replays. */
  toleranceMs: number;
  /** Token echoed by subscription verification requests, when configured. */
  verificationToken?: string;
  /** The connected account's provider user id (token set `userId`), for providers that do not sign. */
  accountUserId?: string;
}

export interface WebhookSubscription {
  id: string;
  /** Provider data type / resource (`sleep`) or `*` for everything. */
  resource: string;
  /** Provider event type (`create`, `update`, `delete`, or `*`). */
  event: string;
  callbackUrl: string;
  /** ISO-8601 expiry, when the provider has one. */
  expiresAt: string | null;
}

export interface SubscribeRequest {
  callbackUrl: string;
  verificationToken?: string;
  /** Limit to these resources (default: every resource the provider can notify about). */
  resources?: string[];
}

/** A provider's subscription API (`wearables-mcp webhooks subscribe|list|renew|unsubscribe`). */
export interface WebhookSubscriptionApi {
  list(): Promise<WebhookSubscription[]>;
  subscribe(request: SubscribeRequest): Promise<WebhookSubscription[]>;
  /** Renews one subscription, or every one when `id` is omitted. */
  renew(id?: string): Promise<WebhookSubscription[]>;
  /** Removes one subscription, or every one when `id` is omitted; returns the removed ids. */
  unsubscribe(id?: string): Promise<string[]>;
}

export interface WebhookSubscriptionDeps {
  /** The user's authenticated HTTP (providers whose subscription calls use the user's token). */
  http: AuthorizedHttp;
  /** Plain fetch (providers that authenticate subscription calls with the app's client id/secret). */
  fetch: FetchLike;
}

/** The capability object a provider exposes as `provider.webhooks`. */
export interface ProviderWebhooks {
  /** Verifies a delivery and extracts its events; must not throw on hostile input. */
  verify(delivery: WebhookDelivery, context: WebhookVerifyContext): WebhookOutcome;
  /** The subscription API, for providers that have one. */
  subscriptions?(deps: WebhookSubscriptionDeps): WebhookSubscriptionApi;
  /** Where webhooks are set up instead, for providers without a subscription API (shown as the hint). */
  manualSetup?: string;
  /** The receiver needs the connected account's user id (`WebhookVerifyContext.accountUserId`). */
  needsAccountUserId?: boolean;
}

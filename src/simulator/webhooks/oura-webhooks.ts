/**
 * Oura webhooks in the simulator: the subscription API (`/oura/v2/webhook/subscription`, app
 * credentials in `x-client-id` / `x-client-secret`, a verification challenge to the callback
 * before a subscription is created) and signed deliveries when the person's data changes
 * (`x-oura-timestamp` + HMAC-SHA256 over timestamp and body under the client secret, hex).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SimClock } from '../clock.js';
import { withRetries } from './delivery-log.js';

/** One change of the person's data, as the control surface reports it. */
export interface DataChange {
  collection: string;
  id: string;
  event: 'create' | 'update' | 'delete';
}

export interface SimulatedSubscription {
  id: string;
  callback_url: string;
  event_type: 'create' | 'update' | 'delete';
  data_type: string;
  expiration_time: string;
  verification_token: string;
}

export interface DeliveryRecord {
  at: string;
  subscriptionId: string;
  dataType: string;
  eventType: string;
  objectId: string;
  status: number | 'network-error';
}

export interface OuraWebhookHubOptions {
  clock: SimClock;
  clientId: string;
  clientSecret: string;
  /** Subscription lifetime (default 90 days); `renew` extends it from now. */
  ttlDays?: number;
  /** The simulated user's id carried in deliveries. */
  userId?: string;
}

const DATA_TYPES = [
  'tag', 'enhanced_tag', 'workout', 'session', 'sleep', 'daily_sleep', 'daily_readiness', 'daily_activity', 'daily_spo2', 'sleep_time',
  'rest_mode_period', 'ring_configuration', 'daily_stress', 'daily_cycle_phases', 'activation_status', 'daily_cardiovascular_age',
  'daily_resilience', 'vo2_max', 'period_start', 'pregnancy', 'fertile_window', 'ovulation_confirmed', 'blood_glucose',
] as const;
const createBody = z.object({
  callback_url: z.string().url(),
  verification_token: z.string().min(1),
  event_type: z.enum(['create', 'update', 'delete']),
  data_type: z.enum(DATA_TYPES),
});
const updateBody = createBody.partial().extend({ verification_token: z.string().min(1) });

/** Subscriptions and deliveries of the simulated Oura webhooks. */
export class OuraWebhookHub {
  private readonly subscriptionsById = new Map<string, SimulatedSubscription>();
  private readonly log: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Extra attempts after a network error or a 5xx (0 unless the scheduled webhooks are on). */
  retries = 0;

  constructor(private readonly options: OuraWebhookHubOptions) {}

  /** Current subscriptions (verification tokens included: test use only). */
  subscriptions(): SimulatedSubscription[] {
    return [...this.subscriptionsById.values()];
  }

  /** Deliveries attempted so far (oldest first). */
  deliveries(): DeliveryRecord[] {
    return [...this.log];
  }

  /** Resolves when every delivery started so far has been answered. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Sends one signed delivery per matching, unexpired subscription and change. */
  notify(changes: readonly DataChange[]): void {
    const nowMs = this.options.clock.nowMs();
    for (const change of changes) {
      for (const subscription of this.subscriptionsById.values()) {
        if (subscription.data_type !== change.collection || subscription.event_type !== change.event) continue;
        if (Date.parse(subscription.expiration_time) <= nowMs) continue;
        const delivery = this.deliver(subscription, change, nowMs);
        this.inFlight.add(delivery);
        void delivery.finally(() => this.inFlight.delete(delivery));
      }
    }
  }

  /** Signs `body` the way Oura does (exposed so tests can forge good and bad signatures). */
  sign(timestamp: string, body: string): string {
    return createHmac('sha256', this.options.clientSecret).update(timestamp + body).digest('hex').toUpperCase();
  }

  /** The subscription routes (mount at `/oura/v2/webhook`). */
  routes(): Hono {
    const app = new Hono();
    app.use('*', async (c, next) => {
      if (c.req.header('x-client-id') !== this.options.clientId || c.req.header('x-client-secret') !== this.options.clientSecret) {
        return c.json({ detail: 'Forbidden' }, 403);
      }
      return next();
    });
    app.get('/subscription', (c) => c.json(this.subscriptions().map(publicView)));
    app.post('/subscription', async (c) => this.create(c));
    app.put('/subscription/renew/:id', (c) => {
      const subscription = this.subscriptionsById.get(c.req.param('id'));
      if (!subscription) return c.json({ detail: 'Webhook with specified id does not exist.' }, 403);
      subscription.expiration_time = this.expiry();
      return c.json(publicView(subscription));
    });
    app.get('/subscription/:id', (c) => {
      const subscription = this.subscriptionsById.get(c.req.param('id'));
      return subscription ? c.json(publicView(subscription)) : c.json({ detail: 'Webhook with specified id does not exist.' }, 403);
    });
    app.put('/subscription/:id', async (c) => {
      const subscription = this.subscriptionsById.get(c.req.param('id'));
      if (!subscription) return c.json({ detail: 'Webhook with specified id does not exist.' }, 403);
      const parsed = updateBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ detail: parsed.error.issues }, 422);
      Object.assign(subscription, Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)));
      return c.json(publicView(subscription));
    });
    app.delete('/subscription/:id', (c) => {
      const existed = this.subscriptionsById.delete(c.req.param('id'));
      return existed ? c.body(null, 204) : c.json({ detail: `No webhook id ${c.req.param('id')} found.` }, 404);
    });
    return app;
  }

  private async create(c: Context): Promise<Response> {
    const parsed = createBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ detail: parsed.error.issues }, 422);
    const { callback_url, verification_token } = parsed.data;
    // Oura calls the callback with the verification token and a challenge before it subscribes.
    const challenge = randomUUID();
    const verifyUrl = new URL(callback_url);
    verifyUrl.searchParams.set('verification_token', verification_token);
    verifyUrl.searchParams.set('challenge', challenge);
    const answered = await fetch(verifyUrl, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => (response.ok ? ((await response.json()) as { challenge?: unknown }).challenge : undefined))
      .catch(() => undefined);
    if (answered !== challenge) return c.json({ detail: 'Callback URL verification failed.' }, 400);
    const subscription: SimulatedSubscription = { id: randomUUID(), ...parsed.data, expiration_time: this.expiry() };
    this.subscriptionsById.set(subscription.id, subscription);
    return c.json(publicView(subscription), 201);
  }

  private expiry(): string {
    return new Date(this.options.clock.nowMs() + (this.options.ttlDays ?? 90) * 86_400_000).toISOString();
  }

  private async deliver(subscription: SimulatedSubscription, change: DataChange, nowMs: number): Promise<void> {
    const body = JSON.stringify({
      event_type: change.event,
      data_type: change.collection,
      object_id: change.id,
      event_time: new Date(nowMs).toISOString(),
      user_id: this.options.userId ?? 'sim-user',
    });
    const timestamp = String(Math.floor(nowMs / 1000));
    const record: DeliveryRecord = {
      at: new Date(nowMs).toISOString(),
      subscriptionId: subscription.id,
      dataType: change.collection,
      eventType: change.event,
      objectId: change.id,
      status: 'network-error',
    };
    this.log.push(record);
    await withRetries(this.retries, async () => {
      record.status = 'network-error';
      const response = await fetch(subscription.callback_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-oura-timestamp': timestamp, 'x-oura-signature': this.sign(timestamp, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      record.status = response.status;
      return response.status;
    });
  }
}

function publicView(subscription: SimulatedSubscription): Omit<SimulatedSubscription, 'verification_token'> {
  const { verification_token: _token, ...rest } = subscription;
  return rest;
}

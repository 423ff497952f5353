/**
 * WHOOP webhooks in the simulator: WHOOP has no subscription API (the URL is set in its developer
 * dashboard), so a test configures the URL here. Re-scores and deletions send v2 deliveries
 * `{ user_id, id, type, trace_id }` signed like WHOOP: `X-WHOOP-Signature` = base64 HMAC-SHA256
 * (client secret) of `X-WHOOP-Signature-Timestamp` (epoch ms) + body.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { SimClock } from '../clock.js';
import type { WhoopControl } from '../whoop/control.js';
import type { WhoopRecordStore } from '../whoop/records.js';
import { DeliverySender, type SentDelivery } from './delivery-log.js';

export interface WhoopWebhookHubOptions {
  clock: SimClock;
  clientSecret: string;
  userId: number;
}

/** The dashboard's webhook URL and the signed deliveries sent to it. */
export class WhoopWebhookHub {
  private url: string | null = null;
  private readonly sender = new DeliverySender();

  constructor(private readonly options: WhoopWebhookHubOptions) {}

  /** Sets (or clears) the webhook URL, as in the developer dashboard. */
  configure(url: string | null): void {
    this.url = url;
  }

  deliveries(): SentDelivery[] {
    return this.sender.deliveries();
  }

  /** Extra attempts after a network error or a 5xx. */
  set retries(count: number) {
    this.sender.retries = count;
  }

  flush(): Promise<void> {
    return this.sender.flush();
  }

  /** Signs like WHOOP (exposed so tests can forge good and bad signatures). */
  sign(timestamp: string, body: string): string {
    return createHmac('sha256', this.options.clientSecret).update(timestamp + body).digest('base64');
  }

  /** Sends one delivery of `type` for record `id` to the configured URL (if any). */
  notify(type: string, id: string): void {
    if (!this.url) return;
    const nowMs = this.options.clock.nowMs();
    const body = JSON.stringify({ user_id: this.options.userId, id, type, trace_id: randomUUID() });
    const timestamp = String(nowMs);
    this.sender.send(new Date(nowMs).toISOString(), this.url, type, {
      headers: { 'content-type': 'application/json', 'x-whoop-signature': this.sign(timestamp, body), 'x-whoop-signature-timestamp': timestamp },
      body,
    });
  }
}

/** Wraps the WHOOP controls so that re-scores (applied now) and deletions notify through `hub` (through `changed` when the scheduled webhooks are on). */
export function notifyWhoopChanges(control: { whoop: WhoopControl }, records: WhoopRecordStore, clock: SimClock, hub: WhoopWebhookHub, changed?: () => void): void {
  const original = control.whoop;
  control.whoop = {
    ...original,
    rescoreNight(day, options = {}) {
      const affected = original.rescoreNight(day, options);
      if (changed) changed();
      else if (options.atMs === undefined || options.atMs <= clock.nowMs()) {
        const sleepId = affected.find((key) => key.startsWith('sleep/'))?.slice('sleep/'.length);
        if (sleepId) {
          hub.notify('sleep.updated', sleepId);
          hub.notify('recovery.updated', sleepId);
        }
      }
      return affected;
    },
    deleteRecord(collection, id) {
      const deleted = original.deleteRecord(collection, id);
      if (changed) {
        changed();
        return deleted;
      }
      if (deleted && (collection === 'sleep' || collection === 'workout')) hub.notify(`${collection}.deleted`, id);
      if (deleted && collection === 'recovery') {
        const sleepId = records.cycles.find((cycle) => String(cycle.id) === id)?.sleep.id;
        if (sleepId) hub.notify('recovery.deleted', sleepId);
      }
      return deleted;
    },
    releaseLateScores() {
      original.releaseLateScores();
      changed?.();
    },
  };
}

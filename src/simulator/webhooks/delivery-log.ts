/** What the simulator's webhook senders share: an in-flight set to flush and a delivery log. */

/** One attempted delivery. */
export interface SentDelivery {
  at: string;
  url: string;
  /** Event name (`sleep.updated`, `appli 1`). */
  event: string;
  status: number | 'network-error';
}

/** Sends deliveries in the background, remembers them, and waits for them on `flush`. */
export class DeliverySender {
  private readonly log: SentDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  /** Deliveries attempted so far (oldest first). */
  deliveries(): SentDelivery[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** Resolves when every delivery started so far has been answered. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Extra attempts after a network error or a 5xx (0 unless the scheduled webhooks are on). */
  retries = 0;

  /** POSTs `init` to `url` in the background and logs the answer. */
  send(at: string, url: string, event: string, init: { headers: Record<string, string>; body: string }): void {
    const record: SentDelivery = { at, url, event, status: 'network-error' };
    this.log.push(record);
    const work = withRetries(this.retries, async () => {
      const response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      record.status = response.status;
      return response.status;
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

/**
 * Runs `attempt` once, then up to `retries` more times while it fails with a network error or
 * answers 5xx, waiting 250 ms, 500 ms, ... in between. Never throws.
 */
export async function withRetries(retries: number, attempt: () => Promise<number>): Promise<void> {
  for (let tries = 0; ; tries++) {
    const status = await attempt().catch(() => 'network-error' as const);
    if ((status !== 'network-error' && status < 500) || tries >= retries) return;
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** tries).unref());
  }
}

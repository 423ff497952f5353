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

  /** POSTs `init` to `url` in the background and logs the answer. */
  send(at: string, url: string, event: string, init: { headers: Record<string, string>; body: string }): void {
    const record: SentDelivery = { at, url, event, status: 'network-error' };
    this.log.push(record);
    const work = fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        await response.body?.cancel();
        record.status = response.status;
      })
      .catch(() => undefined);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

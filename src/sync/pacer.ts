/**
 * Client-side pacing of a backfill to the provider's declared budget (`requests` per `perMs`): a
 * sliding window; a request that would exceed it waits until the oldest one leaves the window.
 * A full sync of years of history then spends the quota at the rate the provider allows instead
 * of running into 429s and giving up half-way.
 */
import type { AuthorizedHttp } from '../core/http.js';
import type { ProviderHistory } from '../providers/provider.js';

export interface RequestPacer {
  /** Resolves when one more request fits the budget (and counts it); returns early when aborted. */
  take(signal?: AbortSignal): Promise<void>;
}

export interface PacerClock {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Creates a sliding-window pacer for `budget`. */
export function createRequestPacer(budget: ProviderHistory['budget'], clock: PacerClock = {}): RequestPacer {
  const now = clock.now ?? Date.now;
  const sleep = clock.sleep ?? abortableSleep;
  const limit = Math.max(1, Math.floor(budget.requests));
  const sent: number[] = [];
  return {
    async take(signal) {
      for (;;) {
        const current = now();
        while (sent.length > 0 && (sent[0] as number) <= current - budget.perMs) sent.shift();
        if (sent.length < limit) {
          sent.push(current);
          return;
        }
        if (signal?.aborted) return;
        await sleep((sent[0] as number) + budget.perMs - current + 1, signal);
      }
    },
  };
}

/** `http` with every request (not its retries) taken from `pacer` first. */
export function pacedHttp(http: AuthorizedHttp, pacer: RequestPacer): AuthorizedHttp {
  return {
    async getJson(url, init) {
      await pacer.take(init?.signal);
      return http.getJson(url, init);
    },
    async postForm(url, form, init) {
      await pacer.take(init?.signal);
      return http.postForm(url, form, init);
    },
  };
}

/** Counts the requests made through `http` (for the run's summary: `requests` per provider). */
export function countedHttp(http: AuthorizedHttp, counter: { count: number }): AuthorizedHttp {
  return {
    getJson(url, init) {
      counter.count++;
      return http.getJson(url, init);
    },
    postForm(url, form, init) {
      counter.count++;
      return http.postForm(url, form, init);
    },
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

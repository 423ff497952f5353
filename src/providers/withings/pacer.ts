/**
 * Client-side pacing to Withings' limit of 120 requests a minute: a sliding one-minute window;
 * a call that would exceed it waits until the oldest request leaves the window.
 */

export interface Pacer {
  /** Resolves when one more request fits the budget (and counts it). */
  take(signal?: AbortSignal): Promise<void>;
}

export interface PacerOptions {
  perMinute: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Creates a sliding-window pacer. */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sent: number[] = [];
  return {
    async take(signal) {
      for (;;) {
        const current = now();
        while (sent.length > 0 && (sent[0] as number) <= current - 60_000) sent.shift();
        if (sent.length < options.perMinute) {
          sent.push(current);
          return;
        }
        if (signal?.aborted) return;
        await sleep((sent[0] as number) + 60_000 - current + 1);
      }
    },
  };
}

/**
 * Client-side pacing to Withings' limit of 120 requests a minute: a sliding one-minute window;
 * a call that would exceed it waits until the oldest request leaves the window, but never longer
 * than `maxWaitMs`: past that it fails as RATE_LIMITED with the wait, so a tool call answers
 * (from the cache, with the retry time) instead of blocking for up to a minute, and a sync stops
 * that resource where it is and resumes on the next run. Backfills pace themselves (sync/pacer.ts)
 * and so rarely reach this bound.
 */
import { WearablesError } from '../../core/errors.js';

/** Longest wait for a request slot before RATE_LIMITED. */
export const MAX_PACER_WAIT_MS = 20_000;

export interface Pacer {
  /** Resolves when one more request fits the budget (and counts it). */
  take(signal?: AbortSignal): Promise<void>;
}

export interface PacerOptions {
  perMinute: number;
  /** Longest wait for a slot before failing RATE_LIMITED (default MAX_PACER_WAIT_MS). */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Creates a sliding-window pacer. */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? MAX_PACER_WAIT_MS;
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
        const waitMs = (sent[0] as number) + 60_000 - current + 1;
        if (waitMs > maxWaitMs) {
          const seconds = Math.ceil(waitMs / 1000);
          throw new WearablesError('RATE_LIMITED', `Withings allows ${options.perMinute} requests a minute and they are spent; retry in about ${seconds} s.`, {
            hint: `Wait ${seconds} seconds before asking Withings again; cached data can still be read.`,
            retryAfterSeconds: seconds,
          });
        }
        await sleep(waitMs);
      }
    },
  };
}

/** The backfill pacer keeps to the declared budget in a sliding window, on an injected clock. */
import { describe, expect, it } from 'vitest';
import { createRequestPacer } from '../../src/sync/pacer.js';

describe('createRequestPacer', () => {
  it('lets `requests` through per window and makes the next one wait until the oldest leaves it', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = createRequestPacer({ requests: 3, perMs: 60_000 }, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    for (let index = 0; index < 3; index++) {
      await pacer.take();
      now += 10;
    }
    expect(waits).toEqual([]);
    await pacer.take();
    // The first request was at 1,000: the fourth may go at 61,001.
    expect(waits).toEqual([60_000 - 30 + 1]);
    expect(now).toBe(61_001);
  });

  it('returns at once when the signal is aborted instead of waiting out the window', async () => {
    const pacer = createRequestPacer({ requests: 1, perMs: 60_000 }, { now: () => 0, sleep: async () => expect.fail('should not wait') });
    await pacer.take();
    const controller = new AbortController();
    controller.abort();
    await pacer.take(controller.signal);
  });
});

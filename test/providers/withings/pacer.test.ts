/**
 * The Withings pacer keeps to 120 requests a minute, but a slot more than `maxWaitMs` away is a
 * RATE_LIMITED with the wait (a tool call must not block for a minute), never a silent sleep.
 */
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/providers/withings/pacer.js';

function clock() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

describe('Withings pacer', () => {
  it('waits for a slot that frees within the bound', async () => {
    const time = clock();
    const pacer = createPacer({ perMinute: 3, maxWaitMs: 20_000, now: time.now, sleep: time.sleep });
    for (let index = 0; index < 3; index++) await pacer.take();
    time.advance(45_000);
    await pacer.take();
    expect(time.slept).toEqual([15_001]);
  });

  it('fails RATE_LIMITED with the wait instead of sleeping past the bound', async () => {
    const time = clock();
    const pacer = createPacer({ perMinute: 3, maxWaitMs: 20_000, now: time.now, sleep: time.sleep });
    for (let index = 0; index < 3; index++) await pacer.take();
    time.advance(5_000);
    await expect(pacer.take()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 56 });
    expect(time.slept).toEqual([]);
  });
});

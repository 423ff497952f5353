/**
 * Withings' 601 answer says how long to wait (`body.wait_seconds`, recorded
 * error_601_too_many_requests_1.json: 68 s). The HTTP layer honours it: a wait within the policy's
 * bound is slept once and the call retried; a longer one fails at once with RATE_LIMITED and
 * retry_after = wait_seconds, instead of retrying on a short backoff and reporting a made-up wait.
 */
import { afterEach, expect, it } from 'vitest';
import { WearablesError } from '../../../src/core/errors.js';
import { createAuthorizedHttp } from '../../../src/core/http.js';
import { resourceSpec } from '../../../src/providers/provider.js';
import { createWithingsProvider } from '../../../src/providers/withings/index.js';
import { recorded } from '../../replay/recorded.js';
import { startReplay, type ReplayServer } from '../../replay/replay-server.js';
import { describeShared } from '../../support/shared.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers `v2/sleep getsummary` with `limited` first, then the recorded empty-goals-style success. */
async function sleepSummaries(limited: unknown) {
  let calls = 0;
  server = await startReplay(() => (calls++ === 0 ? { status: 200, body: limited } : { status: 200, body: { status: 0, body: { series: [], more: false, offset: 0 } } }));
  const provider = createWithingsProvider({ apiBaseUrl: server.url, authBaseUrl: server.url, requestsPerMinute: 100_000 });
  const waits: number[] = [];
  const http = createAuthorizedHttp({
    provider: 'withings',
    tokens: { getAccessToken: async () => 't', refreshAfterUnauthorized: async () => 't' },
    sleep: async (ms) => void waits.push(ms),
  });
  const run = async () => {
    for await (const page of provider.fetchWindow(resourceSpec(provider, 'sleep_summary'), { start: '2021-04-01', end: '2021-04-02' }, { http })) void page;
  };
  return { run, waits, requests: () => server?.requests.length ?? 0 };
}

describeShared('Withings 601 wait_seconds (recorded)', () => {
  it('68 s is above the 60 s bound: RATE_LIMITED at once with retry_after 68, no retries, no sleeping', async () => {
    const { run, waits, requests } = await sleepSummaries(recorded('withings/error_601_too_many_requests_1.json'));
    const error = await run().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(WearablesError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 68 });
    expect((error as Error).message).toContain('68 s');
    expect(waits).toEqual([]);
    expect(requests()).toBe(1);
  });

  it('a wait within the bound is slept exactly (recorded shape, wait_seconds 3), then the call succeeds', async () => {
    const shape = recorded<{ status: number; body: Record<string, unknown>; error: string }>('withings/error_601_too_many_requests_1.json');
    const { run, waits, requests } = await sleepSummaries({ ...shape, body: { ...shape.body, wait_seconds: 3 } });
    await run();
    expect(waits).toEqual([3000]);
    expect(requests()).toBe(2);
  });
});

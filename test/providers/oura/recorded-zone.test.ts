/**
 * Oura daily documents stamped `T00:00:00+00:00` belong to the person's zone: the latest offset
 * Oura reported for them (recorded responses of a -05:00 user, `../shared/specs/recorded/oura/`).
 */
import { afterEach, expect, it } from 'vitest';
import { createAuthorizedHttp } from '../../../src/core/http.js';
import type { NormalizedRecord } from '../../../src/core/types.js';
import { createOuraProvider } from '../../../src/providers/oura/index.js';
import { resourceSpec, type Provider } from '../../../src/providers/provider.js';
import { describeShared, readSharedJson } from '../../support/shared.js';
import { personalToken, startReplayServer, type ReplayServer } from './replay-server.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const page = (file: string) => ({ status: 200, body: readSharedJson('specs', 'recorded', 'oura', file) });

async function records(provider: Provider, resource: string): Promise<NormalizedRecord[]> {
  const http = createAuthorizedHttp({ provider: 'oura', tokens: personalToken('pat-test'), retry: { baseDelayMs: 1 } });
  const out: NormalizedRecord[] = [];
  for await (const fetched of provider.fetchWindow(resourceSpec(provider, resource), { start: '2024-01-01', end: '2024-01-08' }, { http })) out.push(...fetched.records);
  return out;
}

describeShared('Oura daily documents in the person zone (recorded)', () => {
  it('readiness of a -05:00 user (timestamp 2024-01-01T00:00:00+00:00) is stored -05:00, not +00:00', async () => {
    server = await startReplayServer({
      '/v2/usercollection/daily_activity': page('daily_activity_page_1.json'),
      '/v2/usercollection/daily_readiness': page('daily_readiness_page_1.json'),
      '/v2/usercollection/daily_sleep': page('daily_sleep_page_1.json'),
    });
    const provider = createOuraProvider({ apiBaseUrl: server.url, authBaseUrl: server.url });
    // Nothing reported yet: the midnight-UTC stamp says nothing about the person, so the same
    // window's daily_activity is asked once (2024-01-01T04:00:00-05:00: the person is at -05:00).
    expect((await records(provider, 'daily_sleep')).map((record) => [record.day, record.tzOffset])).toEqual([['2024-01-07', '-05:00']]);
    expect(server.requests.map((request) => request.pathname)).toEqual(['/v2/usercollection/daily_sleep', '/v2/usercollection/daily_activity']);
    expect((await records(provider, 'daily_readiness')).map((record) => [record.day, record.tzOffset])).toEqual([['2024-01-01', '-05:00']]);
    // Known now: no further lookups.
    expect(server.requests).toHaveLength(3);
  });

  it('with no offset to be learned (daily_activity not answered) the offset stays unknown, never +00:00, and the sync goes on', async () => {
    server = await startReplayServer({ '/v2/usercollection/daily_readiness': page('daily_readiness_page_1.json') });
    const provider = createOuraProvider({ apiBaseUrl: server.url, authBaseUrl: server.url });
    expect((await records(provider, 'daily_readiness')).map((record) => record.tzOffset)).toEqual([null]);
  });
});

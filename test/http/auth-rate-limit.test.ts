/**
 * Rate limiting after authentication: unauthenticated requests have their own per-address bucket
 * and can never lock out the client holding the token, even from the same address (behind a
 * tunnel every client is 127.0.0.1); behind `TRUST_PROXY=<n>` proxies the client address is the
 * n-th hop from the right of `X-Forwarded-For`, so a forged left-most hop does not reset it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { clientAddressFor } from '../../src/http/client-key.js';
import { loadHttpConfig } from '../../src/http/http-config.js';
import { AUTH_TOKEN, RAW_INITIALIZE as initialize, connectStreamable, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';
import { startForwardingProxy, type ForwardingProxy } from './support/forwarding-proxy.js';

const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('rate limiting by authenticated client', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    // The defaults: 100 per client and 20 unauthenticated attempts per address per 15 minutes.
    harness = await startHttpHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('120 unauthenticated requests from the same address do not lock out the bearer client', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 120; attempt++) {
      const headers = attempt % 2 === 0 ? jsonHeaders : { ...jsonHeaders, authorization: `Bearer wrong-${attempt}-token-guess-guess` };
      statuses.push((await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers, body: initialize })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    const result = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    await client.close();
    const authorized = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers: { ...jsonHeaders, authorization: `Bearer ${AUTH_TOKEN}` }, body: initialize });
    expect(authorized.status).toBe(200);
    expect(Number(authorized.headers['ratelimit-remaining'])).toBeGreaterThan(90);
    const limited = await rawRequest(harness.server.url, { method: 'GET', path: '/sse' });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body).error_description).toContain('unauthenticated');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The bearer routes of browser connect share the same buckets.
    expect((await rawRequest(harness.server.url, { path: '/oauth/status' })).status).toBe(429);
    expect((await rawRequest(harness.server.url, { path: '/oauth/status', headers: { authorization: `Bearer ${AUTH_TOKEN}` } })).status).toBe(200);
  });
});

describe('rate limiting behind a trusted proxy', () => {
  let harness: HttpHarness;
  let proxy: ForwardingProxy;
  beforeAll(async () => {
    harness = await startHttpHarness({ TRUST_PROXY: '1', RATE_LIMIT_MAX: '5', RATE_LIMIT_UNAUTHENTICATED_MAX: '5' });
    proxy = await startForwardingProxy(harness.server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await harness?.close();
  });

  it('a forged X-Forwarded-For hop does not give a client a fresh budget (TRUST_PROXY=1)', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const headers = { ...jsonHeaders, host: new URL(harness.server.url).host, 'x-forwarded-for': `203.0.113.${attempt + 1}` };
      statuses.push((await rawRequest(proxy.url, { method: 'POST', path: '/mcp', headers, body: initialize })).status);
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it('counts the token holder per token, whatever addresses it claims', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const headers = { ...jsonHeaders, authorization: `Bearer ${AUTH_TOKEN}`, 'x-forwarded-for': `198.51.100.${attempt + 1}` };
      statuses.push((await rawRequest(proxy.url, { method: 'POST', path: '/mcp', headers, body: initialize })).status);
    }
    expect(statuses).toEqual([...Array(5).fill(200), 429, 429]);
  });
});

describe('TRUST_PROXY', () => {
  const request = (forwarded?: string) => new Request('http://127.0.0.1/mcp', forwarded ? { headers: { 'x-forwarded-for': forwarded } } : {});
  const env = { incoming: { socket: { remoteAddress: '10.0.0.2' } } };

  it('takes the right-most untrusted address of X-Forwarded-For', () => {
    expect(clientAddressFor(0)(request('1.1.1.1, 2.2.2.2'), env)).toBe('10.0.0.2');
    expect(clientAddressFor(1)(request('6.6.6.6, 2.2.2.2'), env)).toBe('2.2.2.2');
    expect(clientAddressFor(2)(request('6.6.6.6, 2.2.2.2, 10.0.0.1'), env)).toBe('2.2.2.2');
    expect(clientAddressFor(1)(request(), env)).toBe('10.0.0.2');
    expect(clientAddressFor(3)(request('2.2.2.2'), env)).toBe('2.2.2.2');
  });

  it('is a hop count; true is read as 1 with a deprecation notice; anything else is refused', () => {
    expect(loadHttpConfig({}).trustProxy).toBe(0);
    expect(loadHttpConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadHttpConfig({ TRUST_PROXY: '2' })).toMatchObject({ trustProxy: 2, notices: [] });
    const legacy = loadHttpConfig({ TRUST_PROXY: 'true' });
    expect(legacy.trustProxy).toBe(1);
    expect(legacy.notices.join(' ')).toMatch(/deprecated.*TRUST_PROXY=1/);
    let error: unknown;
    try {
      loadHttpConfig({ TRUST_PROXY: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WearablesError);
    expect(error).toMatchObject({ code: 'CONFIG_ERROR', hint: expect.stringContaining('TRUST_PROXY=1') });
  });
});

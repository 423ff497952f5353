/**
 * Connecting Oura through the browser on a running `serve --http`, against the simulator's OAuth
 * server: link (bearer) -> authorize (single-use ticket) -> provider -> callback (state + PKCE)
 * -> tokens in the same encrypted store as the CLI; status and disconnect need the bearer token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';

const bearer = { authorization: `Bearer ${AUTH_TOKEN}` };

describe('browser connect', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({}, { connect: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('connects through link, authorize and callback, then disconnects', async () => {
    const { url } = harness.server;
    expect((await rawRequest(url, { path: '/oauth/oura/authorize' })).status).toBe(401);
    expect((await rawRequest(url, { method: 'POST', path: '/oauth/oura/link' })).status).toBe(401);
    expect((await rawRequest(url, { path: '/oauth/status' })).status).toBe(401);

    const link = JSON.parse((await rawRequest(url, { method: 'POST', path: '/oauth/oura/link', headers: bearer })).body) as { authorize_url: string };
    const authorize = await rawRequest(url, { path: new URL(link.authorize_url).pathname + new URL(link.authorize_url).search });
    expect(authorize.status).toBe(302);
    const providerUrl = new URL(String(authorize.headers.location));
    expect(providerUrl.origin).toBe(new URL(harness.simulator.url).origin);
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(providerUrl.searchParams.get('redirect_uri')).toBe(`${url}/oauth/oura/callback`);
    // The ticket is single-use.
    expect((await rawRequest(url, { path: new URL(link.authorize_url).pathname + new URL(link.authorize_url).search })).status).toBe(401);

    const approved = await fetch(providerUrl, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    const done = await rawRequest(url, { path: callback.pathname + callback.search });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Connected Oura');
    expect(done.body).not.toContain(callback.searchParams.get('code')!);
    // Replaying the callback (same state) is refused.
    expect((await rawRequest(url, { path: callback.pathname + callback.search })).status).toBe(400);

    const status = JSON.parse((await rawRequest(url, { path: '/oauth/status', headers: bearer })).body) as { providers: Record<string, { connected: boolean; kind?: string }> };
    expect(status.providers.oura).toMatchObject({ connected: true, kind: 'oauth' });
    expect(await harness.test.app.tokens.isConnected('oura')).toBe(true);
    for (const line of harness.logs) expect(line).not.toContain(callback.searchParams.get('code')!);

    const disconnected = await rawRequest(url, { method: 'POST', path: '/oauth/oura/disconnect', headers: bearer });
    expect(JSON.parse(disconnected.body)).toMatchObject({ disconnected: true, revoked: true });
    expect(await harness.test.app.tokens.isConnected('oura')).toBe(false);
  });

  it('refuses a callback whose state it never issued', async () => {
    const response = await rawRequest(harness.server.url, { path: '/oauth/oura/callback?code=abc&state=forged' });
    expect(response.status).toBe(400);
    expect(response.body).toContain('state mismatch');
    expect(await harness.test.app.tokens.isConnected('oura')).toBe(false);
  });
});

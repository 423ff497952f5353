/** (b) OAuth: PKCE enforced, single-use codes, refresh-token rotation, expiry, revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { api, apiJson, authorize, authorizeParams, grant, pkce, REDIRECT_URI, token } from './support/oauth.js';

const NOW = new Date('2025-06-15T16:00:00Z');

describe('Oura OAuth', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, days: 30, now: () => NOW, accessTokenTtlSeconds: 3600, personalAccessTokens: ['pat-1'] });
  });
  afterAll(() => sim.close());

  it('uses the demo client by default', () => {
    expect([sim.clientId, sim.clientSecret]).toEqual([DEMO_CLIENT_ID, DEMO_CLIENT_SECRET]);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.oura.apiBaseUrl).toBe(`${sim.url}/oura`);
  });

  it('redirects at once with code and state, and the code buys working tokens', async () => {
    const p = pkce();
    const auth = await authorize(sim, authorizeParams(sim, p, 'xyz'));
    expect(auth.status).toBe(302);
    expect(`${auth.location?.origin}${auth.location?.pathname}`).toBe(REDIRECT_URI);
    expect(auth.location?.searchParams.get('state')).toBe('xyz');
    const code = auth.location?.searchParams.get('code') ?? '';
    const result = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const info = await apiJson(sim, '/v2/usercollection/personal_info', String(result.body.access_token));
    expect(info.status).toBe(200);
    // A code is single-use.
    const again = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('enforces PKCE: a wrong or missing verifier is rejected', async () => {
    const p = pkce();
    const auth = await authorize(sim, authorizeParams(sim, p));
    const code = auth.location?.searchParams.get('code') ?? '';
    const wrong = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce().verifier });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const missing = await authorize(sim, { ...authorizeParams(sim, p), code_challenge: '' });
    expect(missing.location?.searchParams.get('error')).toBe('invalid_request');
    const plain = await authorize(sim, { ...authorizeParams(sim, p), code_challenge_method: 'plain' });
    expect(plain.location?.searchParams.get('error')).toBe('invalid_request');
  });

  it('validates client, redirect_uri, response_type and state', async () => {
    const p = pkce();
    expect((await authorize(sim, { ...authorizeParams(sim, p), client_id: 'nope' })).status).toBe(400);
    expect((await authorize(sim, { ...authorizeParams(sim, p), redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    const rt = await authorize(sim, { ...authorizeParams(sim, p), response_type: 'token' });
    expect(rt.location?.searchParams.get('error')).toBe('unsupported_response_type');
    const noState = await authorize(sim, { ...authorizeParams(sim, p), state: '' });
    expect(noState.location?.searchParams.get('error')).toBe('invalid_request');
  });

  it('answers access_denied when the user is configured to deny', async () => {
    sim.control.oura.setAuthorizeDecision('deny');
    try {
      const auth = await authorize(sim, authorizeParams(sim, pkce(), 's1'));
      expect(auth.location?.searchParams.get('error')).toBe('access_denied');
      expect(auth.location?.searchParams.get('state')).toBe('s1');
      expect(auth.location?.searchParams.has('code')).toBe(false);
    } finally {
      sim.control.oura.setAuthorizeDecision('approve');
    }
  });

  it('accepts client_secret_post and rejects bad client credentials', async () => {
    const p = pkce();
    const code = (await authorize(sim, authorizeParams(sim, p))).location?.searchParams.get('code') ?? '';
    const bad = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier }, 'basic', 'wrong');
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const none = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier }, 'none');
    expect(none.status).toBe(401);
    const post = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier }, 'post');
    expect(post.status).toBe(200);
  });

  it('rotates refresh tokens, single use', async () => {
    const first = await grant(sim);
    const before = sim.control.counters().tokenRefreshes;
    const second = await token(sim, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    const reuse = await token(sim, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const third = await token(sim, { grant_type: 'refresh_token', refresh_token: String(second.body.refresh_token) });
    expect(third.status).toBe(200);
    expect(sim.control.counters().tokenRefreshes).toBe(before + 2);
    expect((await api(sim, '/v2/usercollection/personal_info', String(third.body.access_token))).status).toBe(200);
  });

  it('expires access tokens after the TTL (401), while refresh still works', async () => {
    const tokens = await grant(sim);
    expect((await api(sim, '/v2/usercollection/personal_info', tokens.access_token)).status).toBe(200);
    sim.control.advanceClock(3601 * 1000);
    const expired = await apiJson(sim, '/v2/usercollection/personal_info', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ detail: 'Access token expired.' });
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const refreshed = await token(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect((await api(sim, '/v2/usercollection/personal_info', String(refreshed.body.access_token))).status).toBe(200);
  });

  it('expires authorization codes', async () => {
    const p = pkce();
    const code = (await authorize(sim, authorizeParams(sim, p))).location?.searchParams.get('code') ?? '';
    sim.control.advanceClock(601 * 1000);
    const late = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier });
    expect(late).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revokes via GET /oauth/revoke?access_token= (grant and refresh token too)', async () => {
    const tokens = await grant(sim);
    const response = await fetch(`${sim.oura.authBaseUrl}/oauth/revoke?access_token=${encodeURIComponent(tokens.access_token)}`);
    expect(response.status).toBe(200);
    expect((await apiJson(sim, '/v2/usercollection/personal_info', tokens.access_token)).body).toEqual({ detail: 'Access token revoked.' });
    const refresh = await token(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revokes via POST /oauth/revoke with a form token', async () => {
    const tokens = await grant(sim);
    const response = await fetch(`${sim.oura.authBaseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token }),
    });
    expect(response.status).toBe(200);
    expect((await api(sim, '/v2/usercollection/personal_info', tokens.access_token)).status).toBe(401);
  });

  it('accepts personal access tokens; rejects missing and unknown tokens', async () => {
    expect((await api(sim, '/v2/usercollection/personal_info', 'pat-1')).status).toBe(200);
    expect((await apiJson(sim, '/v2/usercollection/personal_info', null)).body).toEqual({ detail: 'Missing access token.' });
    expect((await api(sim, '/v2/usercollection/personal_info', 'nope')).status).toBe(401);
  });

  it('counts grants and never logs credentials', async () => {
    const before = sim.control.counters().tokenGrants;
    const tokens = await grant(sim);
    expect(sim.control.counters().tokenGrants).toBe(before + 1);
    await fetch(`${sim.oura.authBaseUrl}/oauth/revoke?access_token=${tokens.access_token}`);
    const issued = sim.control.issuedSecrets();
    expect(issued).toEqual(expect.arrayContaining([tokens.access_token, tokens.refresh_token, 'pat-1', sim.clientSecret]));
    const log = JSON.stringify(sim.control.requests());
    expect(log).not.toContain(tokens.access_token);
    expect(log).not.toContain(tokens.refresh_token);
    expect(log).toContain('[redacted]');
  });
});

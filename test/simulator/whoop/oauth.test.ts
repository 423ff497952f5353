/**
 * WHOOP's OAuth in the simulator over real HTTP: immediate redirect, `state` of at least 8
 * characters, one-hour access tokens, a refresh token only with `offline`, single-use rotating
 * refresh tokens, optional PKCE checked when sent, and revocation by `DELETE /v2/user/access`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { pkce, REDIRECT_URI } from '../support/oauth.js';
import { whoopGet } from './support.js';

const ALL_SCOPES = 'read:profile read:body_measurement read:recovery read:cycles read:sleep read:workout offline';

async function authorize(sim: StartedSimulator, params: Record<string, string>): Promise<URLSearchParams> {
  const url = new URL(`${sim.whoop.authBaseUrl}/oauth/oauth2/auth`);
  const base = { response_type: 'code', client_id: sim.clientId, redirect_uri: REDIRECT_URI, state: 'state-12345', scope: ALL_SCOPES };
  for (const [key, value] of Object.entries({ ...base, ...params })) url.searchParams.set(key, value);
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '').searchParams;
}

async function token(sim: StartedSimulator, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.whoop.authBaseUrl}/oauth/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('WHOOP simulator OAuth', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, days: 10, now: () => new Date('2025-06-15T12:00:00Z') });
  });
  afterAll(() => sim.close());

  it('refuses a state shorter than 8 characters with invalid_state', async () => {
    const redirect = await authorize(sim, { state: 'short' });
    expect(redirect.get('error')).toBe('invalid_state');
    expect(redirect.get('code')).toBeNull();
  });

  it('issues one-hour tokens; with offline a refresh token that rotates and is single-use', async () => {
    const redirect = await authorize(sim, {});
    const grant = await token(sim, { grant_type: 'authorization_code', code: redirect.get('code') ?? '', redirect_uri: REDIRECT_URI });
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({ expires_in: 3600, token_type: 'bearer', refresh_token: expect.any(String) });
    expect((await whoopGet(sim, '/v2/user/measurement/body', String(grant.body.access_token))).status).toBe(200);

    const refreshed = await token(sim, { grant_type: 'refresh_token', refresh_token: String(grant.body.refresh_token), scope: 'offline' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(grant.body.refresh_token);
    const reused = await token(sim, { grant_type: 'refresh_token', refresh_token: String(grant.body.refresh_token) });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    sim.control.advanceClock(3601 * 1000);
    expect((await whoopGet(sim, '/v2/user/measurement/body', String(refreshed.body.access_token))).status).toBe(401);
  });

  it('without the offline scope there is no refresh token', async () => {
    const redirect = await authorize(sim, { scope: 'read:cycles read:sleep' });
    const grant = await token(sim, { grant_type: 'authorization_code', code: redirect.get('code') ?? '', redirect_uri: REDIRECT_URI });
    expect(grant.status).toBe(200);
    expect(grant.body).not.toHaveProperty('refresh_token');
    expect(grant.body.scope).toBe('read:cycles read:sleep');
  });

  it('checks PKCE when the authorization request carried a challenge', async () => {
    const codes = pkce();
    const redirect = await authorize(sim, { code_challenge: codes.challenge, code_challenge_method: 'S256' });
    const wrong = await token(sim, { grant_type: 'authorization_code', code: redirect.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: pkce().verifier });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('DELETE /v2/user/access revokes the grant: the access token stops working and so does the refresh token', async () => {
    const redirect = await authorize(sim, {});
    const grant = await token(sim, { grant_type: 'authorization_code', code: redirect.get('code') ?? '', redirect_uri: REDIRECT_URI });
    const access = String(grant.body.access_token);
    const response = await fetch(`${sim.whoop.apiBaseUrl}/v2/user/access`, { method: 'DELETE', headers: { authorization: `Bearer ${access}` } });
    expect(response.status).toBe(204);
    expect((await whoopGet(sim, '/v2/cycle', access)).status).toBe(401);
    expect((await token(sim, { grant_type: 'refresh_token', refresh_token: String(grant.body.refresh_token) })).status).toBe(400);
  });
});

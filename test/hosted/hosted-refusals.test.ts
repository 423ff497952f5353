/**
 * What the hosted authorization and resource servers refuse, each on its own: a token for
 * another resource, an expired token, a replayed code, a wrong PKCE verifier, a foreign redirect
 * URI, a missing PKCE challenge, a revoked token, a token of a deleted account; and what a retried
 * refresh gets (the same new pair within the grace, the grant revoked after it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../store/postgres-support.js';
import { authorizationUrl, Browser, mcpStatus, pkcePair, registerClient, startHostedHarness, tokenRequest, type HostedHarness } from './support/hosted-harness.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const REDIRECT = 'http://127.0.0.1:2/cb';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip !== null)('hosted refusals', () => {
  let harness: HostedHarness;
  let clientId: string;
  let browser: Browser;
  beforeAll(async () => {
    harness = await startHostedHarness();
    clientId = await registerClient(harness.base, REDIRECT);
    browser = new Browser(harness.base, 'whoop');
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  /** A code for this client (signs in on the first call; the session and grant serve later ones). */
  async function code(pkce = pkcePair(), extra: Record<string, string> = {}) {
    const callback = await browser.authorize(authorizationUrl(harness.base, clientId, REDIRECT, pkce, extra), REDIRECT);
    return { callback, code: callback.searchParams.get('code') ?? '', pkce };
  }
  const exchange = (value: string, verifier: string) => tokenRequest(harness.base, { grant_type: 'authorization_code', code: value, code_verifier: verifier, client_id: clientId, redirect_uri: REDIRECT, resource: `${harness.base}/mcp` });

  it('issues a working token, and the code only once (a replay revokes what it gave)', async () => {
    const { code: value, pkce } = await code();
    const first = await exchange(value, pkce.verifier);
    expect(first.status).toBe(200);
    const access = String(first.body.access_token);
    expect((await mcpStatus(harness.base, access)).status).toBe(200);
    const replay = await exchange(value, pkce.verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await mcpStatus(harness.base, access)).status).toBe(401);
  });

  it('refuses a wrong PKCE verifier and an authorization without a challenge', async () => {
    const { code: value } = await code();
    const wrong = await exchange(value, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const missing = await browser.authorize(authorizationUrl(harness.base, clientId, REDIRECT, null), REDIRECT);
    expect(missing.searchParams.get('error')).toBe('invalid_request');
    expect(missing.searchParams.get('code')).toBeNull();
  });

  it('never sends a code to a redirect URI the client did not register', async () => {
    const response = await browser.request(authorizationUrl(harness.base, clientId, 'https://attacker.example/cb', pkcePair()));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
    // Not even a prefix or a trailing-slash variant of the registered one.
    const near = await browser.request(authorizationUrl(harness.base, clientId, `${REDIRECT}/`, pkcePair()));
    expect(near.status).toBe(400);
    expect(near.headers.get('location')).toBeNull();
  });

  it('issues tokens for this resource only, and the resource server checks the audience', async () => {
    const other = await browser.authorize(authorizationUrl(harness.base, clientId, REDIRECT, pkcePair(), { resource: 'https://other.example/mcp' }), REDIRECT);
    expect(other.searchParams.get('error')).toBe('invalid_target');
    const { oidc } = harness.server;
    const client = await oidc.Client.find(clientId);
    const [account] = await harness.query<{ id: string }>('SELECT id FROM accounts');
    const foreign = await new oidc.AccessToken({ client, accountId: account!.id, scope: 'wearables', aud: 'https://other.example/mcp', expiresIn: 600 } as never).save();
    const refused = await mcpStatus(harness.base, foreign);
    expect(refused.status).toBe(401);
    expect(refused.challenge).toContain('invalid_token');
    expect(refused.challenge).toContain('resource_metadata=');
  });

  it('refuses an expired token, and the schedule deletes it', async () => {
    const { oidc } = harness.server;
    const client = await oidc.Client.find(clientId);
    const [account] = await harness.query<{ id: string }>('SELECT id FROM accounts');
    const token = await new oidc.AccessToken({ client, accountId: account!.id, scope: 'wearables', aud: `${harness.base}/mcp`, expiresIn: 1 } as never).save();
    expect((await mcpStatus(harness.base, token)).status).toBe(200);
    await sleep(2100);
    expect((await mcpStatus(harness.base, token)).status).toBe(401);
    const before = await harness.query<{ n: number }>(`SELECT count(*)::int AS n FROM hosted_oauth_payloads WHERE expires_at < now()`);
    expect(before[0]!.n).toBeGreaterThan(0);
    expect(await harness.server.cleanup()).toBeGreaterThan(0);
    const after = await harness.query<{ n: number }>(`SELECT count(*)::int AS n FROM hosted_oauth_payloads WHERE expires_at < now()`);
    expect(after[0]!.n).toBe(0);
  });

  it('rotates refresh tokens: a retry within the grace gets the same pair, a reuse after it ends the grant', async () => {
    const { code: value, pkce } = await code();
    const granted = await exchange(value, pkce.verifier);
    const refresh = String(granted.body.refresh_token);
    const form = { grant_type: 'refresh_token', refresh_token: refresh, client_id: clientId };
    const [once, again] = await Promise.all([tokenRequest(harness.base, form), tokenRequest(harness.base, form)]);
    expect(once.status).toBe(200);
    expect(again.body).toEqual(once.body);
    expect(once.body.refresh_token).not.toBe(refresh);
    const renewed = String(once.body.access_token);
    expect((await mcpStatus(harness.base, renewed)).status).toBe(200);
    await sleep(2500);
    const late = await tokenRequest(harness.base, form);
    expect(late.status).toBe(400);
    expect(late.body.error).toBe('invalid_grant');
    // Reuse of a spent refresh token is theft: everything of that grant stops working.
    expect((await mcpStatus(harness.base, renewed)).status).toBe(401);
  });

  it('revokes a token on request (RFC 7009)', async () => {
    const { code: value, pkce } = await code();
    const granted = await exchange(value, pkce.verifier);
    const access = String(granted.body.access_token);
    expect((await mcpStatus(harness.base, access)).status).toBe(200);
    const revoked = await fetch(`${harness.base}/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: access, client_id: clientId }).toString() });
    expect(revoked.status).toBe(200);
    expect((await mcpStatus(harness.base, access)).status).toBe(401);
  });

  it("stops a deleted account's tokens at once", async () => {
    const { code: value, pkce } = await code();
    const access = String((await exchange(value, pkce.verifier)).body.access_token);
    expect((await mcpStatus(harness.base, access)).status).toBe(200);
    const [account] = await harness.query<{ id: string }>('SELECT id FROM accounts');
    await harness.server.sessions.evict(account!.id);
    expect(await harness.server.database.accounts.delete(account!.id)).toBe(true);
    expect((await mcpStatus(harness.base, access)).status).toBe(401);
  });

  it('registers an app on a device by its custom-scheme redirect URI, and sends the code there only', async () => {
    const custom = 'cursor://anysphere.cursor-mcp/oauth/callback';
    const nativeId = await registerClient(harness.base, custom, 'Device App');
    const pkce = pkcePair();
    const callback = await browser.authorize(authorizationUrl(harness.base, nativeId, custom, pkce), custom);
    expect(callback.protocol).toBe('cursor:');
    const granted = await tokenRequest(harness.base, { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', code_verifier: pkce.verifier, client_id: nativeId, redirect_uri: custom });
    expect(granted.status).toBe(200);
    // A web client (https redirect) still cannot register a custom scheme beside it by saying so.
    const refused = await fetch(`${harness.base}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ application_type: 'web', redirect_uris: [custom], token_endpoint_auth_method: 'none' }),
    });
    expect(refused.status).toBe(400);
  });
});

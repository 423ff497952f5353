/** MCP requests are limited per account: one person's burst is refused with 429 and Retry-After, another person is not slowed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../store/postgres-support.js';
import { authorizationUrl, Browser, mcpStatus, pkcePair, registerClient, startHostedHarness, tokenRequest, type HostedHarness } from './support/hosted-harness.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const REDIRECT = 'http://127.0.0.1:7/cb';

describe.skipIf(skip !== null)('hosted rate limit per account', () => {
  let harness: HostedHarness;
  beforeAll(async () => {
    harness = await startHostedHarness({ env: { HOSTED_RATE_LIMIT_PER_MINUTE: '3' } });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  async function tokenFor(provider: string): Promise<string> {
    const clientId = await registerClient(harness.base, REDIRECT);
    const pkce = pkcePair();
    const callback = await new Browser(harness.base, provider).authorize(authorizationUrl(harness.base, clientId, REDIRECT, pkce), REDIRECT);
    const { body } = await tokenRequest(harness.base, { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', code_verifier: pkce.verifier, client_id: clientId, redirect_uri: REDIRECT });
    return String(body.access_token);
  }

  it('refuses the fourth request of a minute for one account only', async () => {
    const a = await tokenFor('oura');
    const b = await tokenFor('oura');
    expect(await harness.query('SELECT id FROM accounts')).toHaveLength(2);
    for (let request = 0; request < 3; request++) expect((await mcpStatus(harness.base, a)).status).toBe(200);
    const refused = await fetch(`${harness.base}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${a}`, 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await mcpStatus(harness.base, b)).status).toBe(200);
  });
});

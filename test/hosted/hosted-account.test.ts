/**
 * The account page: a person who signed in from a connector links a further provider (one that
 * belongs to another account is refused), downloads their data, disconnects a provider, and
 * deletes the account: the provider grants are revoked, the connector's token stops working, and
 * no row of any table holds anything of theirs while the other person's account is untouched.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../store/postgres-support.js';
import { authorizationUrl, Browser, mcpStatus, pkcePair, registerClient, startHostedHarness, tokenRequest, type HostedHarness } from './support/hosted-harness.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const REDIRECT = 'http://127.0.0.1:5/cb';

describe.skipIf(skip !== null)('hosted account page', () => {
  let harness: HostedHarness;
  beforeAll(async () => {
    harness = await startHostedHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  async function rowsMentioning(value: string): Promise<string[]> {
    const tables = await harness.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [harness.schema]);
    const found: string[] = [];
    for (const { table_name: table } of tables) {
      const [row] = await harness.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" t WHERE t::text LIKE $1`, [`%${value}%`]);
      if (row!.n > 0) found.push(`${table}: ${row!.n}`);
    }
    return found;
  }

  it('links, refuses a foreign identity, exports, disconnects and deletes', async () => {
    // Person A signs in from a connector with Oura (sign-in 1: person 0).
    const clientId = await registerClient(harness.base, REDIRECT, 'Account Test');
    const a = new Browser(harness.base, 'oura');
    const pkce = pkcePair();
    const callback = await a.authorize(authorizationUrl(harness.base, clientId, REDIRECT, pkce), REDIRECT);
    const granted = await tokenRequest(harness.base, { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', code_verifier: pkce.verifier, client_id: clientId, redirect_uri: REDIRECT });
    const token = String(granted.body.access_token);
    const mcp = new Client({ name: 'account-test', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    expect((await mcp.callTool({ name: 'get_oura_sleep_summary', arguments: {} })).isError).toBeFalsy();
    await mcp.close();

    // The same browser is signed in to its account page.
    const home = await a.visit('/account');
    expect(home.body).toContain('Oura: connected');
    expect(home.body).toContain('href="/account/link/whoop"');
    expect(home.body).not.toContain('<script');

    // Link WHOOP (sign-in 2: person 1's WHOOP).
    const linked = await a.visit('/account/link/whoop');
    expect(linked.url.pathname).toBe('/account');
    expect(linked.body).toContain('WHOOP: connected');
    const [{ id: accountA }] = (await harness.query<{ id: string }>('SELECT id FROM accounts')) as [{ id: string }];
    expect((await harness.server.database.accounts.identities(accountA)).map((identity) => identity.provider).sort()).toEqual(['oura', 'whoop']);

    // Person B signs in on the account page with Withings (sign-in 3: person 0's Withings): a new account.
    const b = new Browser(harness.base);
    const bHome = await b.visit('/account/sign-in/withings');
    expect(bHome.body).toContain('Withings: connected');
    expect(await harness.query('SELECT id FROM accounts')).toHaveLength(2);
    const accountB = (await harness.query<{ id: string }>('SELECT id FROM accounts WHERE id <> $1', [accountA]))[0]!.id;

    // A links Withings twice: person 1's (sign-in 4) is new; person 0's (sign-in 5) belongs to B.
    expect((await a.visit('/account/link/withings')).body).toContain('Withings: connected');
    await a.post('/account/disconnect/withings');
    const conflict = await a.visit('/account/link/withings');
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('belongs to another account');
    expect(harness.simulator.signIns).toEqual([0, 1, 0, 1, 0]);

    // Export: A's identities and records, never the encrypted connection rows.
    const exported = await a.request('/account/export');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { kind: string; rows?: unknown[] });
    expect(lines[0]).toMatchObject({ kind: 'identities' });
    expect(lines.some((line) => line.kind === 'records' && (line.rows?.length ?? 0) > 0)).toBe(true);
    expect(lines.some((line) => line.kind === 'connections')).toBe(false);

    // Disconnect WHOOP: gone from the page.
    const afterDisconnect = await a.post('/account/disconnect/whoop');
    expect(afterDisconnect.body).not.toContain('WHOOP: connected');

    // Delete needs the confirmation, then removes everything of A.
    expect((await a.post('/account/delete')).status).toBe(400);
    expect(await harness.server.database.accounts.get(accountA)).not.toBeNull();
    const revocations = harness.simulator.people[0]!.control.counters().revocations;
    const deleted = await a.post('/account/delete', { confirm: 'delete' });
    // A's Oura grant (person 0's) was revoked at Oura.
    expect(harness.simulator.people[0]!.control.counters().revocations).toBeGreaterThan(revocations);
    expect(deleted.body).toContain('Account deleted');
    expect((await mcpStatus(harness.base, token)).status).toBe(401);
    expect(await rowsMentioning(accountA)).toEqual([]);
    // B is untouched.
    expect(await harness.server.database.accounts.get(accountB)).not.toBeNull();
    expect((await rowsMentioning(accountB)).length).toBeGreaterThan(0);
    // The page no longer knows A's browser.
    expect((await a.visit('/account')).body).toContain('Sign in with Oura');
  }, 120_000);
});

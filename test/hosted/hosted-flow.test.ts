/**
 * The hosted mode as a connector uses it: an unmodified SDK client with its OAuth client provider
 * goes from the first 401 through discovery, dynamic registration, sign-in with a provider at the
 * simulator, consent and the token exchange to tools/list and a tool call, over real HTTP against
 * a real PostgreSQL.
 */
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../store/postgres-support.js';
import { Browser, MemoryOAuthClient, startHostedHarness, type HostedHarness } from './support/hosted-harness.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const REDIRECT = 'http://127.0.0.1:1/callback';
const CLIENT_DOCUMENT = 'https://connector.example/oauth/client.json';
const CIMD_REDIRECT = 'http://127.0.0.1:3/cimd-callback';

describe.skipIf(skip !== null)('hosted sign-in through the SDK client', () => {
  let harness: HostedHarness;
  beforeAll(async () => {
    harness = await startHostedHarness({
      clientDocuments: {
        [CLIENT_DOCUMENT]: {
          client_id: CLIENT_DOCUMENT,
          client_name: 'Metadata Document Connector',
          redirect_uris: [CIMD_REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('answers the first request with a 401 that names the resource metadata', async () => {
    const response = await fetch(`${harness.base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${harness.base}/.well-known/oauth-protected-resource/mcp"`);
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const metadata = (await (await fetch(`${harness.base}${path}`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({ resource: `${harness.base}/mcp`, authorization_servers: [harness.base] });
    }
    const as = (await (await fetch(`${harness.base}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({ issuer: harness.base, code_challenge_methods_supported: ['S256'], client_id_metadata_document_supported: true, registration_endpoint: `${harness.base}/register` });
  });

  it('signs in with Oura and serves that account its tools', async () => {
    const oauth = new MemoryOAuthClient(REDIRECT);
    const first = new Client({ name: 'connector', version: '1.0.0' });
    await expect(first.connect(new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { authProvider: oauth }))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(oauth.client?.client_id).toBeTruthy();
    expect(oauth.authorizationUrl?.searchParams.get('resource')).toBe(`${harness.base}/mcp`);

    const browser = new Browser(harness.base, 'oura');
    const callback = await browser.authorize(oauth.authorizationUrl!, REDIRECT);
    const signIn = browser.pages.find((page) => page.body.includes('Sign in with'));
    expect(signIn?.body).toContain('>Sign in with Oura</a>');
    expect(signIn?.body).not.toContain('<script');
    const consent = browser.pages.find((page) => page.body.includes('Allow access?'));
    expect(consent?.body).toContain('Test Connector');
    expect(consent?.body).toContain('127.0.0.1:1');

    const transport = new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { authProvider: oauth });
    await transport.finishAuth(callback.searchParams);
    expect(oauth.stored?.access_token).toBeTruthy();
    expect(oauth.stored?.refresh_token).toBeTruthy();

    const client = new Client({ name: 'connector', version: '1.0.0' });
    await client.connect(transport);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('get_oura_personal_info');
    // Only the connected provider's tools, and none that touch the server's files.
    expect(names.some((name) => name.includes('whoop') || name.includes('withings'))).toBe(false);
    expect(names).not.toContain('export_data');
    expect(names).not.toContain('import_data');
    const answer = await client.callTool({ name: 'get_oura_personal_info', arguments: {} });
    expect(answer.isError).toBeFalsy();
    // The simulated person's profile, read from Oura with the account's Oura token.
    expect(answer.structuredContent).toMatchObject({ profile: { source: 'oura', height_m: harness.simulator.people[0]!.person.profile.heightM } });
    await client.close();
    // The connector's token stayed here: the providers saw their own tokens, never this one.
    expect(harness.simulator.people[0]!.control.requests('/oura/v2/usercollection').length).toBeGreaterThan(0);
    const [{ id: accountId }] = (await harness.query<{ id: string }>('SELECT id FROM accounts')) as [{ id: string }];
    const ouraToken = await (await harness.server.sessions.context(accountId)).tokens.getAccessToken('oura');
    expect(harness.simulator.sawCredential(ouraToken)).toBe(true);
    expect(harness.simulator.sawCredential(oauth.stored!.access_token)).toBe(false);
    expect(harness.simulator.sawCredential(oauth.stored!.refresh_token!)).toBe(false);

    // The account exists, with the Oura identity and an encrypted connection; tokens never in a log.
    const accounts = await harness.query<{ id: string }>('SELECT id FROM accounts');
    expect(accounts).toHaveLength(1);
    for (const line of harness.logs) {
      expect(line).not.toContain(oauth.stored!.access_token);
      expect(line).not.toContain(callback.searchParams.get('code')!);
    }
    // The hosted tables hold hashes, not tokens.
    const stored = JSON.stringify(await harness.query('SELECT * FROM hosted_oauth_payloads'));
    expect(stored).not.toContain(oauth.stored!.access_token);
    expect(stored).not.toContain(oauth.stored!.refresh_token!);
  });

  it('identifies a client by its Client ID Metadata Document (no registration)', async () => {
    const oauth = new MemoryOAuthClient(CIMD_REDIRECT, 'Metadata Document Connector');
    oauth.clientMetadataUrl = CLIENT_DOCUMENT;
    const first = new Client({ name: 'cimd', version: '1.0.0' });
    await expect(first.connect(new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { authProvider: oauth }))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(oauth.authorizationUrl?.searchParams.get('client_id')).toBe(CLIENT_DOCUMENT);
    const browser = new Browser(harness.base, 'withings');
    const callback = await browser.authorize(oauth.authorizationUrl!, CIMD_REDIRECT);
    expect(harness.documentsFetched).toContain(CLIENT_DOCUMENT);
    expect(browser.pages.find((page) => page.body.includes('Allow access?'))?.body).toContain('Metadata Document Connector');
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { authProvider: oauth });
    await transport.finishAuth(callback.searchParams);
    const client = new Client({ name: 'cimd', version: '1.0.0' });
    await client.connect(transport);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.some((name) => name.includes('withings'))).toBe(true);
    await client.close();
    // Nothing was registered for it.
    const registered = await harness.query('SELECT 1 FROM hosted_oauth_payloads WHERE model = $1', ['Client']);
    expect(registered).toHaveLength(1);
  });
});

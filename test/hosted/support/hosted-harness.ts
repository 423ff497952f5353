/**
 * A real `serve --http --hosted` for tests: the simulator as the providers, a PostgreSQL schema of
 * its own (TEST_DATABASE_URL), a free port on 127.0.0.1 as PUBLIC_BASE_URL; plus a cookie-keeping
 * "browser" that walks the sign-in pages the way a person would (following links, posting the
 * consent form), and an OAuth client provider for the unmodified SDK client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { OAuthClientMetadata, OAuthClientProvider, OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';
import pg from 'pg';
import { startHosted, type HostedApp } from '../../../src/app/start-hosted.js';
import { loadConfig } from '../../../src/config/config.js';
import { loadHostedConfig } from '../../../src/hosted/hosted-config.js';
import { loadHttpConfig } from '../../../src/http/http-config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startPersonsSimulator, type StartedPersonsSimulator } from '../../../src/simulator/persons.js';
import { dropSchema, TEST_DATABASE_URL, testSchema } from '../../store/postgres-support.js';

export const ENCRYPTION_KEY = 'c'.repeat(64);

export interface HostedHarness {
  base: string;
  server: HostedApp;
  /** Two people behind one simulator URL: sign-in 1 is person 0, sign-in 2 person 1, ... */
  simulator: StartedPersonsSimulator;
  schema: string;
  logs: string[];
  /** Client ID Metadata Document URLs the authorization server fetched. */
  documentsFetched: string[];
  /** A query on the test schema. */
  query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface HostedHarnessOptions {
  env?: Record<string, string>;
  ttl?: { accessToken?: number; authorizationCode?: number };
  /**
   * Client ID Metadata Documents by their https URL. The authorization server fetches them from a
   * real local HTTP server (no public https host can run here): only the URL's origin is rewritten.
   */
  clientDocuments?: Record<string, unknown>;
}

/** Serves `documents` (by path) on 127.0.0.1; returns a fetch that sends their https URLs there. */
async function documentServer(documents: Record<string, unknown>): Promise<{ fetch: typeof fetch; close(): Promise<void>; fetched: string[] }> {
  const byPath = new Map(Object.entries(documents).map(([url, body]) => [new URL(url).pathname, { url, body }]));
  const fetched: string[] = [];
  const server = createHttpServer((request, response) => {
    const entry = byPath.get(request.url ?? '');
    if (!entry) {
      response.writeHead(404).end();
      return;
    }
    fetched.push(entry.url);
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' }).end(JSON.stringify(entry.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const local: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const { dispatcher: _dispatcher, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
    return fetch(`http://127.0.0.1:${port}${url.pathname}`, rest);
  };
  return { fetch: local, fetched, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function startHostedHarness(options: HostedHarnessOptions = {}): Promise<HostedHarness> {
  const simulator = await startPersonsSimulator({ persons: 2, seed: 11, days: 30 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'wearables-hosted-'));
  const schema = testSchema('hosted');
  const config = loadConfig({
    env: { WEARABLES_MCP_ENCRYPTION_KEY: ENCRYPTION_KEY },
    flags: {
      home: dir,
      logFile: null,
      logLevel: 'info',
      providers: Object.fromEntries(
        (['oura', 'whoop', 'withings'] as const).map((id) => [id, { ...simulator.endpoints[id], clientId: simulator.clientId, clientSecret: simulator.clientSecret }]),
      ),
    },
  });
  const logs: string[] = [];
  const collector = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = await createLogger({ level: 'info', file: null, stderr: collector });
  const hosted = loadHostedConfig({ DATABASE_URL: TEST_DATABASE_URL, PUBLIC_BASE_URL: base, HOSTED_REFRESH_GRACE_SECONDS: '2', ...options.env });
  const http = loadHttpConfig({ PORT: String(port), SYNC_INTERVAL_MINUTES: '0', ...options.env }, { hosted: true });
  const documents = options.clientDocuments ? await documentServer(options.clientDocuments) : undefined;
  const server = await startHosted({ config, hosted, http, logger, schema, ...(options.ttl ? { ttl: options.ttl } : {}), ...(documents ? { clientMetadataFetch: documents.fetch } : {}) });
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path="${schema}"` });
  return {
    base,
    server,
    simulator,
    schema,
    logs,
    documentsFetched: documents?.fetched ?? [],
    async query(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async close() {
      await server.close();
      await documents?.close();
      await pool.end();
      await simulator.close();
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser: keeps this server's cookies, follows the sign-in pages like a person clicking. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  /** Every page and redirect seen, for assertions. */
  readonly pages: Array<{ url: string; status: number; body: string }> = [];

  constructor(
    private readonly base: string,
    /** Which "Sign in with …" link to follow. */
    public provider = 'oura',
  ) {}

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.base);
    const ours = target.origin === new URL(this.base).origin;
    const headers = new Headers(init.headers);
    if (ours && this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    if (ours) {
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0] ?? '';
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    return response;
  }

  /** Follows redirects (through the provider too) to the page they end at. */
  async visit(url: string | URL, init?: RequestInit): Promise<{ url: URL; status: number; body: string }> {
    let next: { url: URL; init?: RequestInit } = { url: new URL(url, this.base), ...(init ? { init } : {}) };
    for (let step = 0; step < 20; step++) {
      const response = await this.request(next.url, next.init);
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { url: next.url, status: response.status, body: await response.text() };
      await response.body?.cancel();
      next = { url: new URL(location, next.url) };
    }
    throw new Error('too many redirects');
  }

  /** POSTs a form (as the page's form would) and follows where it leads. */
  post(path: string, form: Record<string, string> = {}): Promise<{ url: URL; status: number; body: string }> {
    return this.visit(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /**
   * Walks from an authorization URL to the client's redirect URI: sign-in page (the provider's
   * link), the provider (the simulator approves), consent (Allow). Returns the redirect URL.
   */
  async authorize(authorizationUrl: URL | string, redirectUri: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
    let next: { url: URL; init?: RequestInit } = { url: new URL(authorizationUrl) };
    for (let step = 0; step < 20; step++) {
      const response = await this.request(next.url, next.init);
      const location = response.headers.get('location');
      if (location) {
        await response.body?.cancel();
        const target = new URL(location, next.url);
        if (target.href.startsWith(redirectUri)) return target;
        next = { url: target };
        continue;
      }
      const body = await response.text();
      this.pages.push({ url: next.url.href, status: response.status, body });
      const link = new RegExp(`href="(/sign-in/[^"]+/provider/${this.provider})"`).exec(body);
      const consent = /action="(\/sign-in\/[^"]+\/consent)"/.exec(body);
      if (response.status === 200 && link) next = { url: new URL(link[1] as string, this.base) };
      else if (response.status === 200 && consent) {
        next = {
          url: new URL(consent[1] as string, this.base),
          init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `decision=${decision}` },
        };
      } else throw new Error(`sign-in stopped at ${next.url.pathname}: HTTP ${response.status} ${body.slice(0, 300)}`);
    }
    throw new Error('sign-in did not reach the redirect URI in 20 steps');
  }
}

/** The OAuth client provider a connector implements (in memory). */
export class MemoryOAuthClient implements OAuthClientProvider {
  client: StoredOAuthClientInformation | undefined;
  stored: StoredOAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  discovery: OAuthDiscoveryState | undefined;
  /** Set to use a Client ID Metadata Document instead of registration. */
  clientMetadataUrl: string | undefined;

  constructor(
    readonly redirectUrl: string,
    private readonly name = 'Test Connector',
  ) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(information: StoredOAuthClientInformation) {
    this.client = information;
  }
  tokens() {
    return this.stored;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.stored = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

/** A client registered by dynamic registration (RFC 7591), as a connector without a metadata document does. */
export async function registerClient(base: string, redirectUri: string, name = 'Raw Client'): Promise<string> {
  const response = await fetch(`${base}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: name, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' }),
  });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { client_id: string }).client_id;
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorization request URL (PKCE S256, this server's resource unless another is given). */
export function authorizationUrl(base: string, clientId: string, redirectUri: string, pkce: Pkce | null, extra: Record<string, string> = {}): URL {
  const url = new URL('/authorize', base);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', 'wearables');
  url.searchParams.set('state', randomBytes(8).toString('hex'));
  url.searchParams.set('resource', `${base}/mcp`);
  if (pkce) {
    url.searchParams.set('code_challenge', pkce.challenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  return url;
}

/** POST /token with a form; returns status and JSON. */
export async function tokenRequest(base: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An MCP request with a bearer token: its status (a tools/list over the stateless 2026 revision). */
export async function mcpStatus(base: string, token: string): Promise<{ status: number; challenge: string | null }> {
  const response = await fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
  });
  await response.body?.cancel();
  return { status: response.status, challenge: response.headers.get('www-authenticate') };
}

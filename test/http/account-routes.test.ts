/**
 * The FHIR API and POST /sync mounted for many accounts (mountAccountRoutes, as the hosted
 * server mounts them): over real HTTP, two accounts with their own stores behind their own
 * tokens; each sees only its own observations, syncs only its own data, and has its own
 * cooldown; a request without a valid token is refused before any account is opened.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountAccountRoutes } from '../../src/http/account-routes.js';
import type { HostContext } from '../../src/mcp/host-context.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { createTestApp, TEST_NOW, TEST_TOKEN, type TestApp } from '../mcp/support/harness.js';

interface Bundle {
  entry?: Array<{ resource: { id: string }; search: { mode: string } }>;
}

describe('FHIR and POST /sync per account', () => {
  let simulator: StartedSimulator;
  let accountA: TestApp;
  let accountB: TestApp;
  let server: Server;
  let url = '';
  const opened: string[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 7, days: 30, futureDays: 2, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
    accountA = await createTestApp({ apiBaseUrl: simulator.oura.apiBaseUrl, connect: true });
    accountB = await createTestApp({ apiBaseUrl: simulator.oura.apiBaseUrl, connect: true });
    const contexts = new Map<string, HostContext>([['account-a', accountA.app], ['account-b', accountB.app]]);
    const tokens = new Map([['token-of-a-0123456789', 'account-a'], ['token-of-b-0123456789', 'account-b']]);
    const app = new Hono();
    mountAccountRoutes(app, {
      authenticate: async (c) => {
        const accountId = tokens.get(/^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
        return accountId ? { accountId } : Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
      },
      contextFor: async (accountId) => {
        opened.push(accountId);
        return contexts.get(accountId)!;
      },
      baseUrl: 'https://wearables.example',
      logger: accountA.app.logger,
      syncCooldownMs: 60_000,
    });
    server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await accountA?.close();
    await accountB?.close();
    await simulator?.close();
  });

  const as = (token: string, path: string, init: RequestInit = {}) => fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const matches = async (response: Response) => ((await response.json()) as Bundle).entry?.filter((entry) => entry.search.mode === 'match').map((entry) => entry.resource.id) ?? [];

  it('answers each account from its own store: A synced sees its observations, B sees none of them', async () => {
    expect((await as('token-of-a-0123456789', '/sync', { method: 'POST', body: '{"provider":"oura"}' })).status).toBe(200);
    const ofA = await matches(await as('token-of-a-0123456789', '/fhir/Observation?code=93832-4&_count=200'));
    expect(ofA.length).toBeGreaterThan(10);
    expect(await matches(await as('token-of-b-0123456789', '/fhir/Observation?code=93832-4&_count=200'))).toEqual([]);
    expect((await as('token-of-a-0123456789', `/fhir/Observation/${ofA[0] ?? ''}`)).status).toBe(200);
    expect((await as('token-of-b-0123456789', `/fhir/Observation/${ofA[0] ?? ''}`)).status).toBe(404);
    // Links name the public origin, not the address the request came in on.
    const bundle = (await (await as('token-of-a-0123456789', '/fhir/Observation?code=93832-4&_count=1')).json()) as { link: Array<{ relation: string; url: string }> };
    expect(bundle.link.find((link) => link.relation === 'next')?.url).toMatch(/^https:\/\/wearables\.example\/fhir\/Observation\?/);
  });

  it('keeps the sync cooldown per account: B syncs while A is refused', async () => {
    const again = await as('token-of-a-0123456789', '/sync', { method: 'POST', body: '{"provider":"oura"}' });
    expect(again.status).toBe(429);
    expect((await as('token-of-b-0123456789', '/sync', { method: 'POST', body: '{"provider":"oura"}' })).status).toBe(200);
    expect((await matches(await as('token-of-b-0123456789', '/fhir/Observation?code=93832-4&_count=200'))).length).toBeGreaterThan(10);
  });

  it('refuses a request without a valid token before opening any account', async () => {
    const before = opened.length;
    for (const path of ['/fhir/metadata', '/fhir/Observation', '/sync']) {
      const response = await fetch(`${url}${path}`, { method: path === '/sync' ? 'POST' : 'GET', headers: { authorization: 'Bearer nope' } });
      expect(response.status, path).toBe(401);
    }
    expect(opened.length).toBe(before);
  });
});

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAuthorizationCodeFlow, type AuthorizationCodeFlowOptions } from '../../src/auth/connect-flow.js';
import { WearablesError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/logging/logger.js';
import { apiStatus, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
let sim: SimulatedOura;

beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
});
afterEach(async () => {
  await sim.close();
  await temp.remove();
});

interface BrowserVisit {
  /** Settles when the browser has read the whole page. */
  done?: Promise<boolean>;
  authorizeUrl?: URL;
  status?: number;
  page?: string;
}

/** A "browser" that follows the simulator's redirect to the loopback callback, over real HTTP. */
function browser(visit: BrowserVisit, rewrite: (url: URL) => URL = (url) => url) {
  return (url: string): Promise<boolean> => {
    visit.authorizeUrl = new URL(url);
    visit.done = (async () => {
      const response = await fetch(rewrite(new URL(url)), { redirect: 'follow' });
      visit.status = response.status;
      visit.page = await response.text();
      return true;
    })();
    return visit.done;
  };
}

/** What a user on a machine without a browser pastes: the Location the authorize step redirects to. */
async function pastedRedirect(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (!location) throw new Error(`authorize answered ${response.status} without a redirect`);
  return location;
}

function flow(overrides: Partial<AuthorizationCodeFlowOptions>) {
  return runAuthorizationCodeFlow({
    provider: sim.oura,
    logger: silentLogger(),
    openBrowser: async () => false,
    promptForRedirect: () => new Promise<string>(() => undefined),
    timeoutMs: 10_000,
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<WearablesError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WearablesError);
  return error as WearablesError;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connect flow', () => {
  it('completes over real HTTP: PKCE + state, loopback callback, code exchange, a friendly page', async () => {
    const visit: BrowserVisit = {};
    const tokens = await flow({ openBrowser: browser(visit) });

    await visit.done;
    expect(tokens.kind).toBe('oauth');
    expect(await apiStatus(sim.probeUrl, tokens.accessToken)).toBe(200);
    const query = visit.authorizeUrl!.searchParams;
    expect(query.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(query.get('code_challenge_method')).toBe('S256');
    const redirect = new URL(query.get('redirect_uri')!);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/callback');
    expect(visit.status).toBe(200);
    expect(visit.page).toContain('Connected');
    expect(visit.page).toContain('you can close this tab');
    expect(visit.page).not.toContain(tokens.accessToken);
    expect(sim.simulator.control.counters().tokenGrants).toBe(1);
    // The callback server is gone once the flow is over.
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('listens on the port of a configured loopback redirect URI', async () => {
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    const visit: BrowserVisit = {};
    const tokens = await flow({ redirectUri, openBrowser: browser(visit) });
    expect(visit.authorizeUrl?.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(await apiStatus(sim.probeUrl, tokens.accessToken)).toBe(200);
  });

  it('accepts the pasted redirect URL when no browser can be opened', async () => {
    let prompted = 0;
    let authorizeUrl = '';
    const tokens = await flow({
      openBrowser: async (url) => {
        authorizeUrl = url;
        return false;
      },
      promptForRedirect: async () => {
        prompted++;
        return pastedRedirect(authorizeUrl);
      },
    });
    expect(prompted).toBe(1);
    expect(await apiStatus(sim.probeUrl, tokens.accessToken)).toBe(200);
  });

  it('refuses a redirect whose state does not match (pasted or via the browser)', async () => {
    let authorizeUrl = '';
    const pasted = await rejection(
      flow({
        openBrowser: async (url) => {
          authorizeUrl = url;
          return false;
        },
        promptForRedirect: async () => {
          const location = new URL(await pastedRedirect(authorizeUrl));
          location.searchParams.set('state', 'x'.repeat(43));
          return location.href;
        },
      }),
    );
    expect(pasted.code).toBe('AUTH_FAILED');
    expect(pasted.message).toContain('possible CSRF; start again');

    const visit: BrowserVisit = {};
    const viaBrowser = await rejection(
      flow({
        openBrowser: browser(visit, (url) => {
          url.searchParams.set('state', 'y'.repeat(43));
          return url;
        }),
      }),
    );
    expect(viaBrowser.message).toContain('possible CSRF');
    await visit.done;
    expect(visit.status).toBe(400);
    expect(visit.page).toContain('Not connected');
    expect(sim.simulator.control.counters().tokenGrants).toBe(0);
  });

  it('says clearly that access was denied', async () => {
    sim.simulator.control.oura.setAuthorizeDecision('deny');
    const visit: BrowserVisit = {};
    const error = await rejection(flow({ openBrowser: browser(visit) }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('denied');
    expect(error.hint).toContain('wearables-mcp connect oura');
    await visit.done;
    expect(visit.page).toContain('denied');
  });

  it('rejects a pasted text that is not the redirect URL', async () => {
    const error = await rejection(flow({ promptForRedirect: async () => 'https://example.com/somewhere-else' }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('not the redirect URL');
  });

  it('times out with a hint when nothing arrives', async () => {
    const error = await rejection(flow({ openBrowser: async () => true, timeoutMs: 200 }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.hint).toContain('wearables-mcp connect oura');
  });
});

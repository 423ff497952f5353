/**
 * The root Hono app: one server, one sub-app per provider (`/oura` now; `/whoop` and
 * `/withings` later), the control API at `/__control`, and the cross-cutting middleware that
 * logs provider requests and applies injected faults.
 */
import { Hono } from 'hono';
import type { SimClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import { rateLimitHeaders } from './rate-limit.js';
import { redactQuery, type RequestLog } from './request-log.js';

export interface ProviderMount {
  /** Mount path, e.g. `/oura`. */
  path: string;
  app: Hono;
  /** Per-minute budget, reported in forced-429 headers. */
  rateLimitPerMinute: number;
}

export interface RootAppDeps {
  clock: SimClock;
  faults: FaultInjector;
  log: RequestLog;
  providers: readonly ProviderMount[];
  control: Hono;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Truncates a JSON body mid-way, keeping status and headers (a "malformed body" fault). */
async function truncate(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: response.status, headers });
}

/** Builds the root app. */
export function createRootApp(deps: RootAppDeps): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.startsWith('/__control')) return next();
    const started = performance.now();
    const at = new Date(deps.clock.nowMs()).toISOString();
    const decision = deps.faults.take(url.pathname);
    const fault = decision.fault;
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    const mount = deps.providers.find((p) => url.pathname.startsWith(`${p.path}/`));
    if (fault?.kind === 'error') {
      c.res = c.json({ detail: 'Service temporarily unavailable.' }, fault.status as 500);
    } else if (fault?.kind === 'rate_limit') {
      const headers = rateLimitHeaders({ limit: mount?.rateLimitPerMinute ?? 0, remaining: 0, resetSeconds: fault.retryAfterSeconds });
      c.res = c.json({ detail: 'Rate limit exceeded.' }, 429, { ...headers, 'Retry-After': String(fault.retryAfterSeconds) });
    } else {
      await next();
      if (fault?.kind === 'malformed') c.res = await truncate(c.res);
    }
    deps.log.add({
      at,
      method: c.req.method,
      path: url.pathname,
      query: redactQuery(url.searchParams),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      fault: fault?.kind ?? (decision.delayMs > 0 ? 'delay' : null),
    });
    return c.res;
  });

  for (const provider of deps.providers) app.route(provider.path, provider.app);
  app.route('/__control', deps.control);
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  return app;
}

/**
 * `/metrics` in the Prometheus text format (prom-client): request latency per route template,
 * sync run durations and outcomes per provider, provider (upstream) errors and rate-limit waits
 * per provider, plus the Node process metrics. Labels are route templates (`/fhir/Observation/:id`,
 * never a raw path), provider ids, modes and status codes: no account, user id, token or URL.
 * Sync and upstream series come from the process-wide telemetry events (core/telemetry.ts), so
 * in a server for many accounts they add up across accounts.
 *
 * Extension point for the job queue (issue 16 part 2): `registerQueueSource` adds the
 * `wearables_jobs` gauge (per queue and state) read from the queue at each scrape; without a
 * source the gauge is absent rather than a misleading zero.
 */
import type { Env, Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { onTelemetry, type TelemetryEvent } from '../core/telemetry.js';
import { PACKAGE_VERSION } from '../core/version.js';
import { bearerMatches, unauthorized } from './bearer-auth.js';
import { rateLimited, type RateLimiter } from './rate-limit.js';

/** Jobs per queue and state, as a job queue reports them (`waiting`, `active`, `failed`, `dead` ...). */
export type QueueSource = () => Promise<ReadonlyArray<{ queue: string; state: string; count: number }>>;

export interface HttpMetrics {
  registry: Registry;
  /** Times every request; mount first (`app.use('*', metrics.middleware)`). */
  middleware: MiddlewareHandler;
  /** The exposition (`text/plain; version=0.0.4`). */
  scrape(): Promise<{ contentType: string; body: string }>;
  /** Adds the queue gauges (once). */
  registerQueueSource(source: QueueSource): void;
  /** Stops listening to telemetry (the registry keeps its values). */
  close(): void;
}

export interface HttpMetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag, handles); default true. */
  processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SYNC_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600];
const WAIT_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120];

/** Creates a registry for one server and starts listening to telemetry. */
export function createHttpMetrics(options: HttpMetricsOptions = {}): HttpMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  new Gauge({ name: 'wearables_build_info', help: 'Always 1; the version label names the running release.', labelNames: ['version'], registers: [registry] }).set({ version: PACKAGE_VERSION }, 1);
  const requests = new Histogram({
    name: 'wearables_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the handler returned its response; streams may run longer), by route template.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const syncRuns = new Histogram({
    name: 'wearables_sync_run_duration_seconds',
    help: 'Duration of one audited provider sync run; its _count by status is the run outcomes (ok, partial, failed).',
    labelNames: ['provider', 'mode', 'status'],
    buckets: SYNC_BUCKETS,
    registers: [registry],
  });
  const upstreamResponses = new Counter({
    name: 'wearables_upstream_responses_total',
    help: 'Answers of provider APIs (retries included), by status class (2xx, 3xx, 4xx, 401, 429, 5xx, network_error).',
    labelNames: ['provider', 'class'],
    registers: [registry],
  });
  const upstreamErrors = new Counter({
    name: 'wearables_upstream_errors_total',
    help: 'Provider API failures seen (each retry counts): server_error (5xx), network_error, rate_limited (429), unauthorized (401).',
    labelNames: ['provider', 'kind'],
    registers: [registry],
  });
  const rateLimitWaits = new Histogram({
    name: 'wearables_upstream_rate_limit_wait_seconds',
    help: 'Waits honoured after a provider answered 429 (Retry-After or backoff) before retrying.',
    labelNames: ['provider'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });

  const record = (event: TelemetryEvent) => {
    if (event.type === 'sync_run') {
      syncRuns.observe({ provider: event.provider, mode: event.mode, status: event.status }, event.durationMs / 1000);
      return;
    }
    if (event.waitMs !== undefined) {
      rateLimitWaits.observe({ provider: event.provider }, event.waitMs / 1000);
      return;
    }
    const kind = errorKind(event.status);
    upstreamResponses.inc({ provider: event.provider, class: statusClass(event.status) });
    if (kind) upstreamErrors.inc({ provider: event.provider, kind });
  };
  const unsubscribe = onTelemetry(record);

  let queueRegistered = false;
  return {
    registry,
    middleware: async (c, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const route = routeLabel(routePath(c, c.req.routeIndex));
        requests.observe({ method: methodLabel(c.req.method), route, status: String(c.res.status) }, (performance.now() - started) / 1000);
      }
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    registerQueueSource(source) {
      if (queueRegistered) return;
      queueRegistered = true;
      new Gauge({
        name: 'wearables_jobs',
        help: 'Jobs of the job queue by queue and state, read at each scrape.',
        labelNames: ['queue', 'state'],
        registers: [registry],
        async collect() {
          this.reset();
          for (const entry of await source()) this.set({ queue: entry.queue, state: entry.state }, entry.count);
        },
      });
    },
    close: () => {
      unsubscribe();
    },
  };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);

/** Methods outside the usual set share one label value (a client may send anything). */
function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** The route template, or `unmatched` when only a catch-all middleware saw the request (404s, refused hosts). */
function routeLabel(path: string): string {
  return path === '/*' || path === '*' || path === '' ? 'unmatched' : path;
}

function statusClass(status: number | 'network-error'): string {
  if (status === 'network-error') return 'network_error';
  if (status === 401 || status === 429) return String(status);
  return `${Math.floor(status / 100)}xx`;
}

function errorKind(status: number | 'network-error'): string | undefined {
  if (status === 'network-error') return 'network_error';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  return status >= 500 ? 'server_error' : undefined;
}

export interface MountMetricsOptions {
  metrics: HttpMetrics;
  /** The bearer token `/metrics` takes and the setting that holds it; undefined: open (loopback only). */
  required: { token: string; name: string } | undefined;
  /** Failed attempts spend this per-address budget. */
  unauthenticated: RateLimiter;
  clientAddress: (request: Request, env: unknown) => string;
}

/**
 * Mounts `GET /metrics` behind its bearer token (`METRICS_TOKEN`, else `AUTH_TOKEN` locally; a
 * hosted server passes `METRICS_TOKEN` or does not mount it). A scraper holding the token is not
 * rate limited (a scrape is cheap and bounded, and must not spend the MCP clients' budget);
 * failed attempts spend the per-address budget of unauthenticated requests.
 */
export function mountMetrics<E extends Env>(app: Hono<E>, options: MountMetricsOptions): void {
  const { required } = options;
  app.use('/metrics', async (c, next) => {
    if (required === undefined || bearerMatches(c.req.header('authorization'), required.token)) return next();
    const attempt = options.unauthenticated.hit(`address:${options.clientAddress(c.req.raw, c.env)}`);
    if (!attempt.allowed) return rateLimited(attempt, 'unauthenticated requests from this address');
    return Response.json(
      { error: 'unauthorized', error_description: `Send Authorization: Bearer <${required.name}> (the token configured on the server for /metrics).` },
      { status: 401, headers: unauthorized().headers },
    );
  });
  app.get('/metrics', async () => {
    const { contentType, body } = await options.metrics.scrape();
    return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
  });
}

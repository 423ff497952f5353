/**
 * Settings of `serve --http`, layered like the rest of the config: defaults < environment <
 * flags, validated with zod and frozen. `env` is passed in so tests give their own.
 */
import { z } from 'zod';
import { WearablesError } from '../core/errors.js';

/** Hostnames that only this machine can reach. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1', '[::1]'];

const schema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
  /** The bearer token every MCP route requires (`AUTH_TOKEN`). */
  authToken: z.string().min(16, 'AUTH_TOKEN must be at least 16 characters (openssl rand -hex 32)').optional(),
  /** Allowed browser origins (`CORS_ORIGIN`, comma-separated, or `*`). */
  corsOrigins: z.array(z.string()),
  /** The URL this server is reached at (tunnel, reverse proxy); used for OAuth redirect URIs. */
  publicBaseUrl: z.url().optional(),
  /** Extra hostnames the `Host` header may name (besides loopback and the public URL's host). */
  allowedHosts: z.array(z.string()),
  /** Proxies in front of this server (`TRUST_PROXY`): the client is that many hops from the right of `X-Forwarded-For`. */
  trustProxy: z.number().int().min(0).max(10),
  /** Per authenticated client (`max`) and per address for unauthenticated attempts (`unauthenticatedMax`). */
  rateLimit: z.object({ max: z.number().int().min(1), unauthenticatedMax: z.number().int().min(1), windowMs: z.number().int().min(1000) }),
  /** Requests per minute to each webhook receiver, per sending address. */
  webhookRateLimit: z.object({ max: z.number().int().min(1), windowMs: z.number().int().min(1000) }),
  /** Background sync interval; 0 disables the scheduler. */
  syncIntervalMs: z.number().int().min(0),
  /** Random delay added to every scheduled run, up to this many ms. */
  syncJitterMs: z.number().int().min(0),
  /** Token a provider echoes in its subscription verification request (`WEBHOOK_VERIFICATION_TOKEN`). */
  webhookVerificationToken: z.string().min(8).optional(),
  /** Deliveries signed longer ago than this are refused as replays. */
  webhookToleranceMs: z.number().int().min(1000),
  /** How long in-flight requests and a running sync get on shutdown before they are cut. */
  shutdownGraceMs: z.number().int().min(0),
  /** A token for `/metrics` alone (`METRICS_TOKEN`); without it `/metrics` takes `AUTH_TOKEN`. */
  metricsToken: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)').optional(),
  /** Shortest time between two `POST /sync` runs of one provider. */
  syncTriggerCooldownMs: z.number().int().min(0).max(86_400_000),
});

export type HttpConfig = Readonly<z.infer<typeof schema>> & {
  /** Deprecated or risky settings in use, to warn about at start. */
  readonly notices: readonly string[];
};

export interface HttpConfigFlags {
  host?: string;
  port?: number;
  /** `serve --hosted`: OAuth (MCP authorization) guards the server instead of AUTH_TOKEN. */
  hosted?: boolean;
}

/** Reads the HTTP settings. Throws CONFIG_ERROR naming each bad setting. */
export function loadHttpConfig(env: Record<string, string | undefined>, flags: HttpConfigFlags = {}): HttpConfig {
  const notices: string[] = [];
  const candidate = {
    host: flags.host ?? (env.HTTP_HOST || '127.0.0.1'),
    port: flags.port ?? numberOr(env.PORT, 3001),
    authToken: env.AUTH_TOKEN || undefined,
    corsOrigins: list(env.CORS_ORIGIN),
    publicBaseUrl: env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, '') : undefined,
    allowedHosts: list(env.ALLOWED_HOSTS),
    trustProxy: trustedProxies(env.TRUST_PROXY, notices),
    rateLimit: {
      max: numberOr(env.RATE_LIMIT_MAX, 100),
      unauthenticatedMax: numberOr(env.RATE_LIMIT_UNAUTHENTICATED_MAX, 20),
      windowMs: numberOr(env.RATE_LIMIT_WINDOW_MINUTES, 15) * 60_000,
    },
    webhookRateLimit: { max: numberOr(env.WEBHOOK_RATE_LIMIT_PER_MINUTE, 60), windowMs: 60_000 },
    syncIntervalMs: Math.round(numberOr(env.SYNC_INTERVAL_MINUTES, 120) * 60_000),
    syncJitterMs: Math.round(numberOr(env.SYNC_JITTER_MINUTES, 10) * 60_000),
    webhookVerificationToken: env.WEBHOOK_VERIFICATION_TOKEN || undefined,
    webhookToleranceMs: numberOr(env.WEBHOOK_TOLERANCE_SECONDS, 300) * 1000,
    shutdownGraceMs: numberOr(env.SHUTDOWN_GRACE_SECONDS, 10) * 1000,
    metricsToken: env.METRICS_TOKEN || undefined,
    syncTriggerCooldownMs: numberOr(env.SYNC_TRIGGER_COOLDOWN_SECONDS, 60) * 1000,
  };
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new WearablesError('CONFIG_ERROR', `Invalid HTTP settings: ${problems.join('; ')}.`, {
      hint: 'Fix the named settings (see the HTTP block of .env.example).',
    });
  }
  const config = parsed.data;
  const reach = reachableBeyondLoopback(config);
  if (!config.authToken && reach && !flags.hosted) {
    throw new WearablesError('CONFIG_ERROR', `Refusing to serve without AUTH_TOKEN: ${reach}, so anyone who reaches it could read your health data.`, {
      hint: 'Set AUTH_TOKEN (openssl rand -hex 32) and give the same token to your MCP client, or serve only on 127.0.0.1 without PUBLIC_BASE_URL and ALLOWED_HOSTS.',
    });
  }
  return Object.freeze({ ...config, notices: Object.freeze(notices) });
}

/**
 * Why a server with these settings is reachable from beyond this machine (listen address, public
 * URL or extra allowed Host names), or undefined when only loopback clients can reach it.
 */
export function reachableBeyondLoopback(config: Pick<HttpConfig, 'host' | 'publicBaseUrl' | 'allowedHosts'>): string | undefined {
  if (!isLoopbackHost(config.host)) return `it listens on ${config.host}`;
  if (config.publicBaseUrl && !isLoopbackHost(new URL(config.publicBaseUrl).hostname)) return `PUBLIC_BASE_URL (${config.publicBaseUrl}) makes it reachable through a tunnel or proxy`;
  const foreign = config.allowedHosts.find((host) => !isLoopbackHost(host.toLowerCase()));
  if (foreign) return `ALLOWED_HOSTS names ${foreign}, a host other machines reach it by`;
  return undefined;
}

/** `TRUST_PROXY`: a hop count; `true` is read as 1 (deprecated), anything else unreadable is refused. */
function trustedProxies(value: string | undefined, notices: string[]): number {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false') return 0;
  if (text === 'true') {
    notices.push('TRUST_PROXY=true is deprecated and read as TRUST_PROXY=1 (one proxy in front of this server); set the number of proxies instead.');
    return 1;
  }
  if (/^\d+$/.test(text)) return Number(text);
  throw new WearablesError('CONFIG_ERROR', 'TRUST_PROXY must be the number of proxies in front of this server (0, 1, 2, ...).', {
    hint: 'Set TRUST_PROXY=1 behind one reverse proxy you control, or 0 (the default) when clients connect directly.',
  });
}

/** Whether `host` (a listen address or hostname) is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Hostnames the `Host` header may carry: loopback, the public URL's host, `ALLOWED_HOSTS`. */
export function allowedHostnames(config: HttpConfig): string[] {
  const hosts = new Set<string>(LOOPBACK_HOSTS);
  if (config.publicBaseUrl) hosts.add(new URL(config.publicBaseUrl).hostname);
  if (!isLoopbackHost(config.host) && config.host !== '0.0.0.0' && config.host !== '::') hosts.add(config.host);
  for (const host of config.allowedHosts) hosts.add(host.toLowerCase());
  return [...hosts];
}

function numberOr(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  return Number(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
}

/**
 * Settings of `serve --http --hosted`: the database and the public URL are required (the
 * authorization server's issuer and the MCP resource are derived from it), the rest has defaults.
 */
import { WearablesError } from '../core/errors.js';

export interface HostedConfig {
  databaseUrl: string;
  /** `PUBLIC_BASE_URL` without a trailing slash: the issuer. */
  publicBaseUrl: string;
  /** `<PUBLIC_BASE_URL>/mcp`: the resource every access token is bound to. */
  resource: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** How long a retried refresh gets the same new pair. */
  refreshGraceSeconds: number;
  /** How often expired codes, sessions, grants and sign-ins are deleted. */
  cleanupIntervalMs: number;
  /** MCP requests per account per minute. */
  accountRateLimitPerMinute: number;
  /**
   * Authorization-server and unauthenticated MCP requests per client address per minute. Generous:
   * a connector's backend (Claude's, ChatGPT's) calls from a few addresses for all its users.
   */
  addressRateLimitPerMinute: number;
}

const numberIn = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new WearablesError('CONFIG_ERROR', `${name} must be a number from ${min} to ${max}, got "${raw.slice(0, 40)}".`, { hint: `Unset ${name} for the default (${fallback}).` });
  }
  return value;
};

/** Reads the hosted settings; CONFIG_ERROR naming what is missing or wrong. */
export function loadHostedConfig(env: Record<string, string | undefined>): HostedConfig {
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  const missing = [databaseUrl ? undefined : 'DATABASE_URL', env.PUBLIC_BASE_URL?.trim() ? undefined : 'PUBLIC_BASE_URL'].filter(Boolean);
  if (missing.length > 0) {
    throw new WearablesError('CONFIG_ERROR', `serve --hosted needs ${missing.join(' and ')}.`, {
      hint: 'Set DATABASE_URL=postgres://user@host:5432/db (the accounts and the authorization server live there) and PUBLIC_BASE_URL=https://your.host (the URL people add as a connector, without /mcp).',
    });
  }
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new WearablesError('CONFIG_ERROR', 'serve --hosted needs a PostgreSQL DATABASE_URL (postgres://…).', { hint: 'Many people share one hosted server: its data lives in PostgreSQL, not in a SQLite file.' });
  }
  const base = (env.PUBLIC_BASE_URL ?? '').trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new WearablesError('CONFIG_ERROR', 'PUBLIC_BASE_URL is not a URL.', { hint: 'Set it to the origin people reach this server at, e.g. https://wearables.example.org.' });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new WearablesError('CONFIG_ERROR', 'PUBLIC_BASE_URL must be https (plain http only on 127.0.0.1 / localhost for testing).', {
      hint: 'Put the server behind a TLS-terminating proxy and set PUBLIC_BASE_URL to its https origin (and TRUST_PROXY=1).',
    });
  }
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new WearablesError('CONFIG_ERROR', 'PUBLIC_BASE_URL must be an origin without a path, query or fragment.', { hint: `Set PUBLIC_BASE_URL=${url.origin}.` });
  }
  const publicBaseUrl = url.origin;
  return {
    databaseUrl,
    publicBaseUrl,
    resource: `${publicBaseUrl}/mcp`,
    accessTokenTtlSeconds: numberIn(env, 'HOSTED_ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 86_400),
    refreshTokenTtlDays: numberIn(env, 'HOSTED_REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    refreshGraceSeconds: numberIn(env, 'HOSTED_REFRESH_GRACE_SECONDS', 60, 0, 600),
    cleanupIntervalMs: numberIn(env, 'HOSTED_CLEANUP_INTERVAL_MINUTES', 10, 1, 1440) * 60_000,
    accountRateLimitPerMinute: numberIn(env, 'HOSTED_RATE_LIMIT_PER_MINUTE', 120, 1, 100_000),
    addressRateLimitPerMinute: numberIn(env, 'HOSTED_ADDRESS_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
  };
}

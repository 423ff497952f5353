/**
 * DATABASE_URL parsing, free of the driver (config validates a URL without loading node-postgres).
 * Nothing here ever returns or repeats the password.
 */
import { WearablesError } from '../../core/errors.js';

/** Where a URL points, without credentials or options: `postgres://host:port/db`. */
export function describePostgresUrl(url: string): string {
  const parsed = parsePostgresUrl(url);
  const host = parsed.hostname === '' ? 'localhost' : parsed.hostname;
  return `postgres://${host}:${parsed.port === '' ? '5432' : parsed.port}/${safeDecode(parsed.pathname.slice(1)) || 'postgres'}`;
}

export function parsePostgresUrl(url: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' && url.length <= 2048 ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new WearablesError('CONFIG_ERROR', 'DATABASE_URL is not a postgres:// or postgresql:// URL.', {
      hint: 'Use e.g. postgres://user:password@host:5432/dbname (percent-encode special characters in the password).',
    });
  }
  return parsed;
}

/** The password of a URL (to register as a secret), or null. */
export function postgresUrlPassword(url: string): string | null {
  const password = parsePostgresUrl(url).password;
  return password === '' ? null : safeDecode(password);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

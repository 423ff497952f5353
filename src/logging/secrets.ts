/**
 * A process-wide registry of secret values (tokens, client secrets, codes). Every log line passes
 * through `scrubSecrets` before it is written, so a secret that slips into a message or an error
 * is replaced even where no redact path names it.
 */
const secrets = new Set<string>();

/** Registers a value that must never be written anywhere (ignored when shorter than 6 chars). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 6) secrets.add(value);
}

/** Replaces every registered secret in `text` with `[redacted]`. */
export function scrubSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/**
 * Field names whose values are always redacted in structured log objects: secret names only.
 * A bare `code` is not one of them: an error `code` (AUTH_FAILED, EACCES) must be readable. The
 * OAuth authorization code is redacted by value (connect flows register it) and under its
 * OAuth names: `authorization_code`, and `code` inside a callback's `query`/`params`/`form`.
 */
const SECRET_FIELDS = [
  'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'token', 'id_token', 'authorization_code',
  'authorizationCode', 'code_verifier', 'codeVerifier', 'clientSecret', 'client_secret', 'authorization',
  'encryptionKey', 'userId', 'user_id', 'userid', 'body', 'raw',
];
const OAUTH_CONTAINERS = ['query', 'params', 'form', 'searchParams', 'callback'];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...OAUTH_CONTAINERS.flatMap((container) => [`${container}.code`, `*.${container}.code`]),
  'headers.authorization', 'req.headers.authorization',
];

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

/** Field names whose values are always redacted in structured log objects. */
export const REDACT_PATHS = [
  'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'token', 'code', 'code_verifier',
  'clientSecret', 'client_secret', 'authorization', 'userId', 'user_id', 'userid', 'body', 'raw',
  '*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.token', '*.code',
  '*.clientSecret', '*.client_secret', '*.authorization', '*.userId', '*.user_id', '*.userid', '*.body', '*.raw',
  'headers.authorization', 'req.headers.authorization',
];

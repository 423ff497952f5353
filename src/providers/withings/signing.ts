/**
 * Withings request signing: `signature = HMAC-SHA256(client_secret, values joined by ",")` over
 * the signed parameters sorted by name (`action`, `client_id`, then `nonce` or `timestamp`). A
 * `nonce` comes from `v2/signature getnonce` (itself signed over `timestamp`) and is used once.
 */
import { createHmac } from 'node:crypto';
import { WearablesError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http.js';
import { envelopeError, envelopeSchema } from './envelope.js';

/** The signature of `params` (sorted by key, values joined with commas). */
export function signParams(params: Record<string, string>, clientSecret: string): string {
  const values = Object.keys(params)
    .sort()
    .map((key) => params[key] as string);
  return createHmac('sha256', clientSecret).update(values.join(',')).digest('hex');
}

export interface SigningOptions {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
  now: () => number;
}

/** Fetches a fresh nonce (`v2/signature getnonce`). */
export async function getNonce(options: SigningOptions): Promise<string> {
  const signed = { action: 'getnonce', client_id: options.clientId, timestamp: String(Math.floor(options.now() / 1000)) };
  const body = await postEnvelope(options, '/v2/signature', { ...signed, signature: signParams(signed, options.clientSecret) }, 'signature getnonce');
  const nonce = (body as { nonce?: unknown } | null)?.nonce;
  if (typeof nonce !== 'string' || nonce.length === 0) {
    throw new WearablesError('UPSTREAM_ERROR', 'Withings answered getnonce without a nonce.', { isRetryable: true });
  }
  return nonce;
}

/** Calls a signed action: fetches a nonce, signs `action,client_id,nonce`, adds `extra`. */
export async function callSigned(options: SigningOptions, path: string, action: string, extra: Record<string, string>): Promise<unknown> {
  const nonce = await getNonce(options);
  const signed = { action, client_id: options.clientId, nonce };
  return postEnvelope(options, path, { ...signed, signature: signParams(signed, options.clientSecret), ...extra }, `${path.slice(1)} ${action}`);
}

async function postEnvelope(options: SigningOptions, path: string, form: Record<string, string>, label: string): Promise<unknown> {
  let response: Response;
  try {
    response = await options.fetch(`${options.apiBaseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (error) {
    throw new WearablesError('UPSTREAM_ERROR', `Could not reach Withings for ${label}.`, { hint: 'Check the network and retry.', cause: error });
  }
  const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) {
    throw new WearablesError('UPSTREAM_ERROR', `Withings answered ${label} with HTTP ${response.status} and no envelope.`, {
      statusCode: response.status,
      isRetryable: response.status >= 500,
    });
  }
  if (parsed.data.status !== 0) throw envelopeError(parsed.data.status, label);
  return parsed.data.body ?? {};
}

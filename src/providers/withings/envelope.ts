/**
 * Withings answers every call with HTTP 200 and a `{ status, body }` envelope; a non-zero status
 * is an error. This file classifies envelopes for the shared HTTP layer (401 and 100–102, 200 →
 * refresh and retry; 601 → rate-limit backoff; 522 timeout → retry) and maps the rest to stable
 * error codes with a hint. The envelope's free-text `error` is never copied into messages.
 */
import { z } from 'zod';
import { WearablesError } from '../../core/errors.js';
import type { BodyClassification } from '../../core/http.js';

/** The envelope every Withings service returns. */
export const envelopeSchema = z.looseObject({
  status: z.number().int(),
  body: z.unknown().optional(),
});

const RECONNECT = 'Reconnect with `wearables-mcp connect withings`, then retry.';

/** Envelope statuses meaning "the access token is not accepted" (refresh, then retry once). */
export function isAuthStatus(status: number): boolean {
  return status === 401 || status === 200 || (status >= 100 && status <= 102);
}

/** For `AuthorizedHttp`: makes envelope errors behave like the HTTP status they stand for. */
export function classifyEnvelope(body: unknown): BodyClassification {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { status } = parsed.data;
  if (isAuthStatus(status)) return 'unauthorized';
  if (status === 601) {
    // The body says how long to wait (recorded error_601_too_many_requests_1.json: wait_seconds 68).
    const wait = (parsed.data.body as { wait_seconds?: unknown } | null | undefined)?.wait_seconds;
    return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? { rateLimitedForSeconds: wait } : 'rate_limited';
  }
  if (status === 522) return 'server_error';
  return undefined;
}

/**
 * The body of a successful envelope, or a `WearablesError`: AUTH_FAILED (auth statuses that
 * survived the refresh, 214/277/2553/2555 unauthorized), RATE_LIMITED (601), VALIDATION_ERROR
 * (the "invalid params" families), UPSTREAM_ERROR otherwise.
 */
export function unwrapEnvelope(body: unknown, action: string): unknown {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) {
    throw new WearablesError('UPSTREAM_ERROR', `Withings answered ${action} without its {status, body} envelope.`, {
      hint: 'Retry later; if it persists the Withings API changed — please report it.',
      isRetryable: true,
    });
  }
  const { status } = parsed.data;
  if (status === 0) return parsed.data.body ?? {};
  throw envelopeError(status, action);
}

/** The `WearablesError` for a non-zero envelope status. */
export function envelopeError(status: number, action: string): WearablesError {
  const what = `Withings refused ${action} (status ${status})`;
  if (isAuthStatus(status)) return new WearablesError('AUTH_FAILED', `${what}: authentication failed.`, { hint: RECONNECT });
  if ([214, 277, 2553, 2555].includes(status)) {
    return new WearablesError('AUTH_FAILED', `${what}: this app is not allowed to call it.`, {
      hint: 'Reconnect with `wearables-mcp connect withings` and grant every requested scope.',
    });
  }
  if (status === 601) {
    return new WearablesError('RATE_LIMITED', `${what}: too many requests.`, {
      hint: 'Withings allows 120 requests a minute; wait a minute, then retry. Cached data can still be read.',
      retryAfterSeconds: 60,
    });
  }
  if (isInvalidParams(status)) {
    return new WearablesError('VALIDATION_ERROR', `${what}: invalid parameters.`, {
      hint: 'Check the date range (start before end, not in the future) and the ids passed.',
      isRetryable: false,
    });
  }
  return new WearablesError('UPSTREAM_ERROR', `${what}: an error occurred at Withings.`, {
    hint: 'Retry later; cached data is still available.',
    isRetryable: true,
  });
}

/** Ranges the spec's response-status table calls "Invalid params". */
const INVALID_PARAMS: ReadonlyArray<readonly [number, number]> = [
  [201, 213], [216, 218], [220, 221], [223, 223], [225, 225], [227, 230], [234, 236], [238, 238],
  [240, 252], [254, 254], [260, 267], [271, 272], [275, 276], [283, 288], [290, 290], [293, 295],
  [297, 297], [300, 304], [321, 321], [323, 353], [380, 382], [400, 400], [501, 511], [523, 523],
  [532, 532], [3017, 3019],
];

function isInvalidParams(status: number): boolean {
  return INVALID_PARAMS.some(([low, high]) => status >= low && status <= high);
}

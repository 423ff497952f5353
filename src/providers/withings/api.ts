/**
 * One Withings action call: paced to the request budget, POSTed as a form with the bearer token,
 * the `{ status, body }` envelope classified for the shared HTTP layer (401-style statuses refresh
 * and retry like an HTTP 401) and unwrapped into the body or a `WearablesError`.
 */
import type { FetchContext } from '../provider.js';
import type { ReportedZone } from '../reported-zone.js';
import { classifyEnvelope, unwrapEnvelope } from './envelope.js';
import type { Pacer } from './pacer.js';
import type { WithingsService } from './resources.js';

export interface WithingsApi {
  apiBaseUrl: string;
  pacer: Pacer;
  /** The user's zone (IANA) as last reported (see person-zone.ts). */
  zone: ReportedZone<string>;
}

/** Calls `service` with `params` and returns the envelope's body. */
export async function callWithings(
  api: WithingsApi,
  service: WithingsService,
  params: Record<string, string | number>,
  context: FetchContext,
): Promise<unknown> {
  await api.pacer.take(context.signal);
  const form: Record<string, string> = { action: service.action };
  for (const [key, value] of Object.entries(params)) form[key] = String(value);
  const url = `${api.apiBaseUrl.replace(/\/+$/, '')}${service.path}`;
  const { body } = await context.http.postForm(url, form, {
    classify: classifyEnvelope,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return unwrapEnvelope(body, `${service.path.replace(/^\//, '')} ${service.action}`);
}

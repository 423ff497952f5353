/** `offset`/`more` paging shared by the Withings list services. */
import { WearablesError } from '../../core/errors.js';
import type { FetchContext } from '../provider.js';
import { callWithings, type WithingsApi } from './api.js';
import type { WithingsService } from './resources.js';

/** Safety stop against a server that keeps saying `more`. */
const MAX_PAGES = 10_000;

/**
 * Yields every page body of `service` for `params`, following `more` (an integer in `getmeas`,
 * a boolean elsewhere) with the returned `offset`.
 */
export async function* pagedBodies(
  api: WithingsApi,
  service: WithingsService,
  params: Record<string, string | number>,
  context: FetchContext,
): AsyncGenerator<Record<string, unknown>> {
  const seen = new Set<number>();
  let offset: number | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await callWithings(api, service, offset === null ? params : { ...params, offset }, context);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw malformed(service);
    const record = body as Record<string, unknown>;
    yield record;
    const more = record.more === true || (typeof record.more === 'number' && record.more > 0);
    if (!more) return;
    const next = record.offset;
    if (typeof next !== 'number' || seen.has(next)) {
      throw new WearablesError('UPSTREAM_ERROR', `Withings ${service.action} said more but gave no new offset.`, {
        hint: 'Retry later; if it persists, report it.',
        isRetryable: true,
      });
    }
    seen.add(next);
    offset = next;
  }
  throw new WearablesError('UPSTREAM_ERROR', `Withings kept paging ${service.action} past ${MAX_PAGES} pages.`, { isRetryable: true });
}

/** The error for a body that is not the documented shape. */
export function malformed(service: WithingsService): WearablesError {
  return new WearablesError('UPSTREAM_ERROR', `Withings answered ${service.action} with an unexpected shape.`, {
    hint: 'Retry later; if it persists the Withings API changed — please report it.',
    isRetryable: true,
  });
}

/**
 * Where a WHOOP account's history begins. WHOOP's profile and body measurement carry no dates, and
 * its lists are sorted newest first, so paging to the oldest cycle would cost as many requests as
 * the backfill itself. Instead a bisection over cycle starts: "is there a cycle that started
 * before day D?" is one `GET /v2/cycle?start=…&end=D&limit=1`, whose answer (the latest cycle
 * before D) also narrows the search to that cycle's day. About 13 requests for ten years, and
 * cycles are continuous from the first day the strap is worn (every sleep opens one).
 */
import { WHOOP_BACKFILL_BUDGET, WHOOP_EARLIEST_DAY } from './limits.js';
import { WearablesError } from '../../core/errors.js';
import type { LocalDay } from '../../core/types.js';
import type { FetchContext } from '../provider.js';
import { whoopPageSchema } from './schema.js';

const DAY_MS = 86_400_000;

/** The first local day of the account's WHOOP data (see module docs). */
export async function findWhoopHistoryStart(apiBaseUrl: string, context: FetchContext): Promise<LocalDay | null> {
  const floorMs = Date.parse(`${WHOOP_EARLIEST_DAY}T00:00:00.000Z`);
  // Invariant: no cycle starts before day `low`; some cycle starts before day `high` (UTC days, as ms).
  let low = floorMs;
  const latest = await latestCycleStartBefore(apiBaseUrl, floorMs, Math.floor(Date.now() / DAY_MS + 1) * DAY_MS, context);
  if (latest === null) return new Date().toISOString().slice(0, 10);
  let high = Math.floor(latest / DAY_MS + 1) * DAY_MS;
  while (high - low > DAY_MS) {
    const middle = low + Math.floor((high - low) / DAY_MS / 2) * DAY_MS;
    const found = await latestCycleStartBefore(apiBaseUrl, floorMs, middle, context);
    if (found === null) low = middle;
    else high = Math.floor(found / DAY_MS + 1) * DAY_MS;
  }
  // The first cycle starts on UTC day `low`; a cycle's local day may be the day before.
  return new Date(low - DAY_MS).toISOString().slice(0, 10);
}

/** The start (epoch ms) of the latest cycle that started in `[fromMs, beforeMs)`, or null. */
async function latestCycleStartBefore(apiBaseUrl: string, fromMs: number, beforeMs: number, context: FetchContext): Promise<number | null> {
  const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}/v2/cycle`);
  url.searchParams.set('start', new Date(fromMs).toISOString());
  url.searchParams.set('end', new Date(beforeMs).toISOString());
  url.searchParams.set('limit', '1');
  const { body } = await context.http.getJson(url, context.signal ? { signal: context.signal } : {});
  const page = whoopPageSchema.safeParse(body);
  if (!page.success) {
    throw new WearablesError('UPSTREAM_ERROR', 'WHOOP answered the cycle list with an unexpected shape while looking for the history start.', {
      hint: 'Retry later; if it persists the WHOOP API changed — please report it.',
      isRetryable: true,
    });
  }
  const first = page.data.records[0] as { start?: unknown } | undefined;
  const start = typeof first?.start === 'string' ? Date.parse(first.start) : Number.NaN;
  // A record without a readable start still proves data before `beforeMs`.
  if (first === undefined) return null;
  return Number.isNaN(start) ? beforeMs - DAY_MS : Math.max(fromMs, Math.min(start, beforeMs - 1));
}

export { WHOOP_BACKFILL_BUDGET, WHOOP_EARLIEST_DAY };

/**
 * Where an Oura account's history begins, from what the account offers:
 * 1. `ring_configuration`: every ring of the account with its `set_up_at` (UTC). When every ring
 *    has a real set-up time, the first ring's set-up day (one day earlier, for zones west of UTC)
 *    is the history start: one request.
 * 2. Otherwise (a ring whose set-up time is unknown: Oura reports `null` or the Unix epoch, as in
 *    the recorded sample) the first page of a few day collections listed over Oura's whole
 *    possible span: lists are sorted by day, oldest first, so each first document is that
 *    collection's first day. One request per probed collection, however long the history.
 */
import { OURA_BACKFILL_BUDGET, OURA_EARLIEST_DAY } from './limits.js';
import { WearablesError } from '../../core/errors.js';
import { latestDay } from '../../core/bounds.js';
import type { LocalDay } from '../../core/types.js';
import type { FetchContext } from '../provider.js';
import { ouraPageSchema } from './schema.js';

/**
 * Collections whose first document marks the first worn day: activity is recorded from the first
 * day the ring is worn, sleep from its first night (and readiness builds on sleep).
 */
const PROBED_COLLECTIONS = ['daily_activity', 'daily_sleep', 'sleep'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}/;
const DAY_MS = 86_400_000;

/** The first local day of the account's Oura data (see module docs); null when it cannot tell. */
export async function findOuraHistoryStart(apiBaseUrl: string, context: FetchContext): Promise<LocalDay | null> {
  const setUps = await ringSetUps(apiBaseUrl, context);
  const fromRings = historyStartFromRings(setUps);
  if (fromRings !== null) return fromRings;
  let first: LocalDay | null = null;
  let answered = 0;
  for (const collection of PROBED_COLLECTIONS) {
    let day: LocalDay | null;
    try {
      day = await firstDocumentDay(apiBaseUrl, collection, context);
    } catch (error) {
      // Should Oura ever refuse the wide range (4xx), the other sources still tell something.
      if (error instanceof WearablesError && error.code === 'VALIDATION_ERROR') continue;
      throw error;
    }
    answered++;
    if (day !== null && (first === null || day < first)) first = day;
  }
  if (answered === 0) return historyStartFromRings(setUps.filter((setUp) => historyStartFromRings([setUp]) !== null));
  // No document at all: nothing to backfill, so history starts today.
  return first ?? new Date().toISOString().slice(0, 10);
}

/**
 * The history start from the rings' set-up times (ISO instants or null), or null when any ring's
 * set-up time is unknown (null, unparseable or before Oura existed, e.g. the epoch) or there is
 * no ring: an older ring may then have recorded data before the known ones.
 */
export function historyStartFromRings(setUps: ReadonlyArray<string | null>): LocalDay | null {
  if (setUps.length === 0) return null;
  let first = Number.POSITIVE_INFINITY;
  for (const setUp of setUps) {
    const ms = setUp === null ? Number.NaN : Date.parse(setUp);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) < OURA_EARLIEST_DAY) return null;
    first = Math.min(first, ms);
  }
  // set_up_at is UTC; the user's local day may still be the day before (zones west of UTC).
  return new Date(first - DAY_MS).toISOString().slice(0, 10);
}

async function ringSetUps(apiBaseUrl: string, context: FetchContext): Promise<Array<string | null>> {
  const setUps: Array<string | null> = [];
  let nextToken: string | null = null;
  for (let page = 0; page < 20; page++) {
    const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}/v2/usercollection/ring_configuration`);
    if (nextToken) url.searchParams.set('next_token', nextToken);
    const body = parsePage(await context.http.getJson(url, withSignal(context)), 'ring_configuration');
    for (const ring of body.data) {
      const setUp = isObject(ring) && typeof ring.set_up_at === 'string' ? ring.set_up_at : null;
      setUps.push(setUp);
    }
    nextToken = body.next_token ?? null;
    if (!nextToken) return setUps;
  }
  return setUps;
}

async function firstDocumentDay(apiBaseUrl: string, collection: string, context: FetchContext): Promise<LocalDay | null> {
  const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}/v2/usercollection/${collection}`);
  url.searchParams.set('start_date', OURA_EARLIEST_DAY);
  url.searchParams.set('end_date', latestDay(new Date()));
  const body = parsePage(await context.http.getJson(url, withSignal(context)), collection);
  let first: LocalDay | null = null;
  for (const document of body.data) {
    const day = isObject(document) && typeof document.day === 'string' && DAY.test(document.day) ? document.day.slice(0, 10) : null;
    if (day !== null && (first === null || day < first)) first = day;
  }
  return first;
}

function parsePage(result: { body: unknown }, collection: string) {
  const page = ouraPageSchema.safeParse(result.body);
  if (page.success) return page.data;
  throw new WearablesError('UPSTREAM_ERROR', `Oura answered ${collection} with an unexpected shape while looking for the history start.`, {
    hint: 'Retry later; if it persists the Oura API changed — please report it.',
    isRetryable: true,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withSignal(context: FetchContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}

export { OURA_BACKFILL_BUDGET, OURA_EARLIEST_DAY };

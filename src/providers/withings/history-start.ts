/**
 * Where a Withings account's history begins: `v2/user getdevice` lists the linked devices with the
 * time of each one's first server connection (`first_session_date`, epoch seconds). A device can
 * record nothing before it first synced, so the earliest of them (one day earlier, for zones west
 * of UTC) is the history start: one request. A device whose first session is unknown (`null` in
 * a recorded answer) still bounds it by its last session. No device with a date: null (the
 * engine starts at the declared earliest day).
 */
import { WITHINGS_BACKFILL_BUDGET, WITHINGS_EARLIEST_DAY } from './limits.js';
import type { LocalDay } from '../../core/types.js';
import type { FetchContext } from '../provider.js';
import { callWithings, type WithingsApi } from './api.js';
import { malformed } from './paging.js';
import { withingsResource } from './resources.js';

const DAY_MS = 86_400_000;
const EARLIEST_SECONDS = Date.parse(`${WITHINGS_EARLIEST_DAY}T00:00:00.000Z`) / 1000;

/** The first local day of the account's Withings data (see module docs). */
export async function findWithingsHistoryStart(api: WithingsApi, context: FetchContext): Promise<LocalDay | null> {
  const service = withingsResource('devices')?.service;
  if (!service) return null;
  const body = (await callWithings(api, service, {}, context)) as Record<string, unknown> | null;
  const devices = body?.devices;
  if (!Array.isArray(devices)) throw malformed(service);
  return historyStartFromDevices(devices);
}

/** The history start from `getdevice` items (see module docs); null when no device has a date. */
export function historyStartFromDevices(devices: readonly unknown[]): LocalDay | null {
  let first = Number.POSITIVE_INFINITY;
  for (const device of devices) {
    if (typeof device !== 'object' || device === null) continue;
    const { first_session_date: firstSession, last_session_date: lastSession } = device as Record<string, unknown>;
    const seconds = validSeconds(firstSession) ?? validSeconds(lastSession);
    if (seconds !== null) first = Math.min(first, seconds);
  }
  return Number.isFinite(first) ? new Date(first * 1000 - DAY_MS).toISOString().slice(0, 10) : null;
}

function validSeconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= EARLIEST_SECONDS ? value : null;
}

export { WITHINGS_BACKFILL_BUDGET, WITHINGS_EARLIEST_DAY };

/**
 * The Withings user's zone (IANA, `Europe/Paris`) as Withings last reported it, for the documents
 * that carry none: `v2/sleep get` segments (recorded sleep_get_1.json and sleep_get_2.json have no
 * timezone anywhere) and ECG records without one (heart_list_1.json). Every dated document with a
 * zone notes it; device lists note theirs as a last resort; when nothing was reported yet, one
 * `v2/user getdevice` call (devices carry the account's timezone) finds it.
 */
import type { NormalizedRecord } from '../../core/types.js';
import type { FetchContext } from '../provider.js';
import { callWithings, type WithingsApi } from './api.js';
import { localTime } from './timezone.js';

const GETDEVICE = { path: '/v2/user', action: 'getdevice' } as const;

function validZone(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && localTime(0, value).known;
}

/** Notes the zone of each record (its own `timezone`, else the response's) at the record's instant. */
export function noteZones(api: WithingsApi, records: readonly NormalizedRecord[], responseZone: string | null): void {
  for (const record of records) {
    const own = (record.raw as { timezone?: unknown } | null)?.timezone;
    const zone = validZone(own) ? own : responseZone;
    if (!validZone(zone)) continue;
    // Undated records (devices) rank below every dated one.
    const at = record.start ? Date.parse(record.start) : record.day ? Date.parse(`${record.day}T12:00:00Z`) : 0;
    api.zone.note(at, zone);
  }
}

/** The user's zone: the latest reported, else the devices' (one call), else null. */
export async function personZone(api: WithingsApi, context: FetchContext): Promise<string | null> {
  const known = api.zone.latest();
  if (known) return known;
  const body = (await callWithings(api, GETDEVICE, {}, context)) as { devices?: unknown } | null;
  const devices = Array.isArray(body?.devices) ? (body.devices as Array<{ timezone?: unknown }>) : [];
  for (const device of devices) if (validZone(device.timezone)) api.zone.note(0, device.timezone);
  return api.zone.latest();
}

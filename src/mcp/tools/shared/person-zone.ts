/**
 * Days in the person's zone, for tools whose rows have no provider-assigned day (heart-rate
 * samples): the latest UTC offset the provider reported for them (the newest stored record that
 * carries one), never the server's zone. Falls back to the server's zone only when the provider
 * has reported none yet.
 */
import type { LocalDay, ProviderId } from '../../../core/types.js';
import type { Provider } from '../../../providers/provider.js';
import type { Store } from '../../../store/store.js';
import { localDayOf, localDayStartMs, localIso, offsetZone, parseOffset, SERVER_ZONE } from '../../../core/time/zones.js';

/** A fixed-offset zone (minutes east of UTC), or the server's zone when `offsetMinutes` is null. */
export interface PersonZone {
  offsetMinutes: number | null;
  /** Local day of an instant. */
  dayOf(ms: number): LocalDay;
  /** Epoch ms of local midnight starting `day`. */
  dayStartMs(day: LocalDay): number;
  /** ISO-8601 local time with the zone's offset. */
  iso(ms: number): string;
}

/** The zone of a fixed offset in minutes (null: the server's zone). */
export function zoneOf(offsetMinutes: number | null): PersonZone {
  const zone = offsetMinutes === null ? SERVER_ZONE : offsetZone(offsetMinutes);
  return {
    offsetMinutes,
    dayOf: (ms) => localDayOf(ms, zone),
    dayStartMs: (day) => localDayStartMs(day, zone),
    iso: (ms) => localIso(ms, zone),
  };
}

/** The latest offset `provider` reported: the newest stored dated record that carries one. */
export async function reportedOffset(store: Pick<Store, 'queryRecords'>, provider: Provider): Promise<number | null> {
  let newest: { key: string; offset: number } | null = null;
  for (const resource of provider.resources) {
    if (resource.kind !== 'document' || resource.windowing === 'none') continue;
    const records = await store.queryRecords({ provider: provider.id, resource: resource.name, order: 'desc', limit: 10 });
    const record = records.find((candidate) => parseOffset(candidate.tzOffset) !== null);
    if (!record?.day) continue;
    const key = `${record.day} ${record.start ? new Date(Date.parse(record.start)).toISOString() : ''}`;
    if (!newest || key > newest.key) newest = { key, offset: parseOffset(record.tzOffset) as number };
  }
  return newest?.offset ?? null;
}

/** The person's zone for `providerId` (see the file comment). */
export async function personZone(store: Pick<Store, 'queryRecords'>, providers: ReadonlyMap<ProviderId, Provider>, providerId: ProviderId): Promise<PersonZone> {
  const provider = providers.get(providerId);
  return zoneOf(provider ? await reportedOffset(store, provider) : null);
}

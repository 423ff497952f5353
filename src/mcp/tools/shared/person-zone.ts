/**
 * Days in the person's zone, for tools whose rows have no provider-assigned day (heart-rate
 * samples): the latest UTC offset the provider reported for them (the newest stored record that
 * carries one), never the server's zone. Falls back to the server's zone only when the provider
 * has reported none yet.
 */
import { localDay } from '../../../core/dates.js';
import type { LocalDay, ProviderId } from '../../../core/types.js';
import type { Provider } from '../../../providers/provider.js';
import type { Store } from '../../../store/store.js';
import { dayStartMs, localIso } from './dates.js';

const MINUTE = 60_000;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

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

/** `-05:00` → -300; null for anything else. */
export function parseOffset(offset: string | null | undefined): number | null {
  const match = offset ? OFFSET.exec(offset) : null;
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The zone of a fixed offset in minutes (null: the server's zone). */
export function zoneOf(offsetMinutes: number | null): PersonZone {
  if (offsetMinutes === null) return { offsetMinutes, dayOf: (ms) => localDay(new Date(ms)), dayStartMs, iso: localIso };
  const shift = offsetMinutes * MINUTE;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const suffix = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
  return {
    offsetMinutes,
    dayOf: (ms) => new Date(ms + shift).toISOString().slice(0, 10),
    dayStartMs: (day) => Date.parse(`${day}T00:00:00.000Z`) - shift,
    iso: (ms) => `${new Date(ms + shift).toISOString().slice(0, 19)}${suffix}`,
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

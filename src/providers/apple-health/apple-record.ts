/**
 * Building Apple Health records. HealthKit exports carry no ids, so each record's id is derived
 * from what identifies it (type, writing app, start, end): the same sample in a newer export gets
 * the same id, which is what makes a re-import add only what is new.
 */
import { createHash } from 'node:crypto';
import { kindRecord } from '../../core/records/record-build.js';
import type { KindRecord, RecordDataByKind, RecordKind, RecordPlacement } from '../../core/records/record.js';
import type { ProviderId } from '../../core/types.js';

/** This provider's id. */
export const APPLE_HEALTH: ProviderId = 'apple-health';

/** A stable id from the parts that identify a sample (24 hex characters of their SHA-256). */
export function stableId(...parts: ReadonlyArray<string | undefined>): string {
  return createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u001f'))
    .digest('hex')
    .slice(0, 24);
}

/** A normalized Apple Health record of `resource`, of the canonical `kind` the resource declares. */
export function appleRecord<K extends RecordKind>(
  resource: string,
  kind: K,
  fields: Omit<RecordPlacement, 'updatedAt'> & { data: RecordDataByKind[K]; raw: unknown },
): KindRecord<K> {
  const { data, raw, ...placement } = fields;
  return kindRecord(kind, { ...placement, updatedAt: null }, data, { provider: APPLE_HEALTH, resource, raw });
}

/** Rounds to `decimals` places (values summed from many samples carry float noise that would change hashes). */
export function round(value: number, decimals = 2): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

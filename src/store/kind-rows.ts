/**
 * Stored rows typed by kind. A resource declares the kind of its records, so a reader states the
 * kind it reads and gets rows whose `data` is that kind's shape, narrowed once here (not in every
 * tool). Rows that are not of the kind (identity-only documents whose payload did not match the
 * provider's schema) are counted and left out: they have no canonical fields to show.
 */
import { narrowData } from '../core/records/narrow.js';
import type { RecordDataByKind, RecordKind } from '../core/records/record.js';
import type { DayRecord, StoredRecord } from './store.js';

/** A stored row (whole record or day columns) whose `data` is the shape of kind `K`. */
export type KindRow<K extends RecordKind, Row extends { data: Record<string, unknown> } = StoredRecord> = Omit<Row, 'data'> & {
  kind: K;
  data: RecordDataByKind[K];
};

/** A stored record of kind `K`. */
export type StoredKindRecord<K extends RecordKind> = KindRow<K, StoredRecord>;

/** The day columns of a stored record of kind `K`. */
export type DayKindRecord<K extends RecordKind> = KindRow<K, DayRecord>;

/** `rows` typed as `kind`; rows without the kind's fields are left out and counted. */
export function narrowRows<K extends RecordKind, Row extends { data: Record<string, unknown> }>(
  kind: K,
  rows: readonly Row[],
): { rows: Array<KindRow<K, Row>>; unreadable: number } {
  const typed: Array<KindRow<K, Row>> = [];
  for (const row of rows) {
    const data = narrowData(kind, row.data);
    if (data === null) continue;
    typed.push({ ...row, kind, data });
  }
  return { rows: typed, unreadable: rows.length - typed.length };
}

/** One row typed as `kind`, or null when it is absent or not of the kind. */
export function narrowRow<K extends RecordKind, Row extends { data: Record<string, unknown> }>(kind: K, row: Row | null | undefined): KindRow<K, Row> | null {
  if (!row) return null;
  const data = narrowData(kind, row.data);
  return data === null ? null : { ...row, kind, data };
}

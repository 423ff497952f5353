/**
 * Field access on stored records. A row's canonical `data` is preferred; the provider payload
 * (`raw`) kept beside it is the fallback, so each tool names the provider's documented field.
 */
import type { StoredRecord } from '../../../store/store.js';

function lookup(source: unknown, key: string): unknown {
  if (source === null || typeof source !== 'object') return undefined;
  let current: unknown = source;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** First defined value among `keys`, looked up in `data` then in `raw` (dotted paths allowed). */
export function field(record: StoredRecord, ...keys: string[]): unknown {
  for (const source of [record.data, record.raw]) {
    for (const key of keys) {
      const value = lookup(source, key);
      if (value !== undefined && value !== null) return value;
    }
  }
  return null;
}

/** A finite number field, else null. */
export function numberField(record: StoredRecord, ...keys: string[]): number | null {
  const value = field(record, ...keys);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A string field, else null. */
export function stringField(record: StoredRecord, ...keys: string[]): string | null {
  const value = field(record, ...keys);
  return typeof value === 'string' ? value : null;
}

/** A record of numeric sub-scores (a score's `contributors`), else null. */
export function numberMapField(record: StoredRecord, ...keys: string[]): Record<string, number> | null {
  const value = field(record, ...keys);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return Object.fromEntries(entries);
}

/** The newest `storedAt` of a set of rows, or null. */
export function newestStoredAt(records: readonly StoredRecord[]): string | null {
  let newest: string | null = null;
  for (const record of records) if (newest === null || record.storedAt > newest) newest = record.storedAt;
  return newest;
}

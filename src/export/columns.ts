/**
 * The tabular shape of exports. A document record flattens to the fixed columns plus its `data`
 * keys (a data key equal to a fixed column is renamed `data_<key>`); a series sample to
 * provider/series/ts/value/source. Column types are inferred from the values seen (a full first
 * pass over the window for documents; a fixed schema for series), so every format shares one
 * stable, sorted column list.
 */
import type { Sample } from '../core/types.js';
import type { StoredRecord } from '../store/store.js';
import { DAY_PATTERN } from '../core/time/days.js';
import { INSTANT_PATTERN } from '../core/time/instants.js';

/** A flattened row: column name → value (null when absent). */
export type Row = Record<string, unknown>;

/** Logical column types (mapped to Parquet types by the Parquet writer). */
export type ColumnType = 'string' | 'int' | 'double' | 'boolean' | 'timestamp' | 'date' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
}

/** Columns every document row has, in the store's generic record shape. */
export const DOCUMENT_FIXED_COLUMNS = ['provider', 'resource', 'id', 'day', 'start', 'end', 'tz_offset', 'updated_at'] as const;

/** The fixed schema of a series export. */
export const SAMPLE_COLUMNS: readonly Column[] = [
  { name: 'provider', type: 'string' },
  { name: 'series', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'ts', type: 'timestamp' },
  { name: 'value', type: 'double' },
];

const FIXED = new Set<string>(DOCUMENT_FIXED_COLUMNS);

/** Flattens one stored record into a row. */
export function recordRow(record: StoredRecord): Row {
  const row: Row = {
    provider: record.provider,
    resource: record.resource,
    id: record.id,
    day: record.day,
    start: record.start,
    end: record.end,
    tz_offset: record.tzOffset,
    updated_at: record.updatedAt,
  };
  for (const [key, value] of Object.entries(record.data)) row[FIXED.has(key) ? `data_${key}` : key] = value ?? null;
  return row;
}

/** One sample as a row (`ts` stays epoch ms; writers render it per format). */
export function sampleRow(sample: Sample): Row {
  return { provider: sample.provider, series: sample.series, source: sample.source ?? null, ts: sample.ts, value: sample.value };
}

type Seen = { number: boolean; fraction: boolean; boolean: boolean; day: boolean; instant: boolean; text: boolean; nested: boolean };

/** Accumulates the column set and value kinds over a first pass of rows. */
export class ColumnScanner {
  private readonly seen = new Map<string, Seen>();

  /** Registers every column and value of `row`. */
  add(row: Row): void {
    for (const [name, value] of Object.entries(row)) {
      let seen = this.seen.get(name);
      if (!seen) {
        seen = { number: false, fraction: false, boolean: false, day: false, instant: false, text: false, nested: false };
        this.seen.set(name, seen);
      }
      observe(seen, value);
    }
  }

  /** The sorted columns with one type each (mixed kinds become `json`, never-set ones `string`). */
  columns(): Column[] {
    for (const name of DOCUMENT_FIXED_COLUMNS) if (!this.seen.has(name)) this.add({ [name]: null });
    return [...this.seen.entries()]
      .map(([name, seen]) => ({ name, type: typeOf(seen) }))
      .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  }
}

function observe(seen: Seen, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') {
    seen.number = true;
    if (!Number.isInteger(value)) seen.fraction = true;
  } else if (typeof value === 'boolean') seen.boolean = true;
  else if (typeof value === 'string') {
    if (DAY_PATTERN.test(value)) seen.day = true;
    else if (INSTANT_PATTERN.test(value) && Number.isFinite(Date.parse(value))) seen.instant = true;
    else seen.text = true;
  } else seen.nested = true;
}

function typeOf(seen: Seen): ColumnType {
  const kinds = [seen.number, seen.boolean, seen.day || seen.instant || seen.text, seen.nested].filter(Boolean).length;
  if (kinds === 0) return 'string';
  if (kinds > 1 || seen.nested) return 'json';
  if (seen.number) return seen.fraction ? 'double' : 'int';
  if (seen.boolean) return 'boolean';
  if (seen.text || (seen.day && seen.instant)) return 'string';
  return seen.day ? 'date' : 'timestamp';
}

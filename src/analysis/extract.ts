/**
 * Pure extraction: the stored records of one declared resource → one value per (local day,
 * metric), following the resource's `DayCombine` rule and field declarations.
 */
import type { LocalDay } from '../core/types.js';
import type { DayRecord } from '../store/store.js';
import type { DeclaredField, DeclaredMapping } from './source-mapping.js';

/** What extraction reads of a record: normalized columns only (a `ExtractableRecord` is one too). */
export type ExtractableRecord = Pick<DayRecord, 'id' | 'day' | 'start' | 'tzOffset' | 'data' | 'storedAt'>;

/** One extracted value with the record it came from (its id, for tracing back to the store). */
export interface ExtractedValue {
  day: LocalDay;
  metric: string;
  value: number;
  /** The record id (the first of the day's records for summed values). */
  id: string;
}

const OFFSET = /([+-])(\d{2}):?(\d{2})$/;

function offsetMinutes(offset: string | null): number | null {
  if (!offset) return null;
  if (offset.endsWith('Z')) return 0;
  const match = OFFSET.exec(offset);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Local clock hours of the record's start, from the wake day's midnight (23:30 → -0.5). */
export function startClockHours(record: Pick<DayRecord, 'start' | 'tzOffset'>): number | null {
  if (!record.start) return null;
  const ms = Date.parse(record.start);
  const offset = offsetMinutes(record.tzOffset) ?? offsetMinutes(record.start);
  if (Number.isNaN(ms) || offset === null) return null;
  const local = new Date(ms + offset * 60_000);
  const hours = local.getUTCHours() + local.getUTCMinutes() / 60 + local.getUTCSeconds() / 3600;
  return hours >= 12 ? hours - 24 : hours;
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function readField(record: ExtractableRecord, mapping: DeclaredField): number | null {
  if ('derive' in mapping) return mapping.derive === 'start_clock_hours' ? startClockHours(record) : 1;
  if (typeof mapping.field === 'string') return finite(record.data[mapping.field]);
  const names = mapping.field;
  let total = 0;
  for (const name of names) {
    const value = finite(record.data[name]);
    if (value === null) return null;
    total += value;
  }
  return total;
}

function scaled(mapping: DeclaredField, value: number): number {
  // Rounded to 4 decimals so a 1/60 scale does not leave float noise in answers.
  return Math.round(value * (mapping.scale ?? 1) * 10_000) / 10_000;
}

function pickRecord(records: readonly ExtractableRecord[], mapping: DeclaredMapping): ExtractableRecord | undefined {
  let best: ExtractableRecord | undefined;
  for (const record of records) {
    if (!best) best = record;
    else if (mapping.combine === 'main_sleep') {
      const rank = (candidate: ExtractableRecord): number => finite(candidate.data[mapping.rankField ?? '']) ?? -1;
      if (rank(record) > rank(best)) best = record;
    } else if (record.storedAt > best.storedAt) best = record;
  }
  return best;
}

function combineDay(day: LocalDay, records: readonly ExtractableRecord[], mapping: DeclaredMapping): ExtractedValue[] {
  const out: ExtractedValue[] = [];
  if (mapping.combine === 'one' || mapping.combine === 'main_sleep') {
    const record = pickRecord(records, mapping);
    if (!record) return out;
    const rank = mapping.combine === 'main_sleep' ? finite(record.data[mapping.rankField ?? '']) : null;
    if (rank !== null && rank < (mapping.minRank ?? 0)) return out;
    for (const field of mapping.fields) {
      const value = readField(record, field);
      if (value !== null) out.push({ day, metric: field.metric, value: scaled(field, value), id: record.id });
    }
    return out;
  }
  for (const field of mapping.fields) {
    const values = records.map((record) => readField(record, field)).filter((value): value is number => value !== null);
    if (values.length === 0) continue;
    const total = values.reduce((sum, value) => sum + value, 0);
    const value = mapping.combine === 'sum' ? total : total / values.length;
    out.push({ day, metric: field.metric, value: scaled(field, value), id: records[0]?.id ?? '' });
  }
  return out;
}

/** Extracts every declared metric of `records` (all of `mapping`'s resource), day by day. */
export function extractValues(mapping: DeclaredMapping, records: readonly ExtractableRecord[]): ExtractedValue[] {
  const byDay = new Map<LocalDay, ExtractableRecord[]>();
  for (const record of records) {
    if (!record.day) continue;
    if (mapping.skipWhen?.some((rule) => record.data[rule.field] === rule.equals)) continue;
    const list = byDay.get(record.day) ?? [];
    list.push(record);
    byDay.set(record.day, list);
  }
  return [...byDay.entries()].flatMap(([day, list]) => combineDay(day, list, mapping));
}

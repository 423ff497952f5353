/** Pieces shared by the Withings tools: resource names, the traceable row base, hints. */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';

/** Withings resource names as the provider declares them (the store's `resource` column). */
export const WITHINGS = {
  measures: 'measures',
  activity: 'activity',
  workouts: 'workouts',
  intradaySteps: 'intraday_steps',
  intradayHeartRate: 'intraday_heart_rate',
  sleepSummary: 'sleep_summary',
  sleepSeries: 'sleep_series',
  heartRecords: 'heart_records',
  stethoRecords: 'stetho_records',
  devices: 'devices',
  goals: 'goals',
} as const;

/** Every row says which day it belongs to and where it came from. */
export const rowBaseShape = {
  day: z.string().describe('Local day of the record (from its Withings timezone), YYYY-MM-DD.'),
  source: z.literal('withings'),
  id: z.string().describe('Withings id (group id, sleep id, signal id, ...).'),
};

/** The traceable base of a row built from one stored record. */
export function rowBase(record: StoredRecord): { day: string; source: 'withings'; id: string } {
  return { day: record.day ?? '', source: 'withings', id: record.id };
}

/** Standard annotations of a cache-first Withings read (may fetch from Withings when data is missing). */
export const WITHINGS_READ_HINTS = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const;

/** Data field of a record as a number, or null. */
export function num(record: StoredRecord, key: string): number | null {
  const value = record.data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Data field of a record as a string, or null. */
export function str(record: StoredRecord, key: string): string | null {
  const value = record.data[key];
  return typeof value === 'string' ? value : null;
}

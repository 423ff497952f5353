/** Pieces shared by the Withings tools: resource names, the traceable row base, hints. */
import { z } from 'zod';
import { numberIn, textIn, type FieldOf } from '../../../core/records/record.js';

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
export function rowBase(record: { day: string | null; id: string }): { day: string; source: 'withings'; id: string } {
  return { day: record.day ?? '', source: 'withings', id: record.id };
}

/** Standard annotations of a cache-first Withings read (may fetch from Withings when data is missing). */
export const WITHINGS_READ_HINTS = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const;

/** A numeric field of a record's typed `data`, or null. */
export function num<D extends object>(record: { data: D }, key: FieldOf<D, number>): number | null {
  return numberIn(record.data, key);
}

/** A text field of a record's typed `data`, or null. */
export function str<D extends object>(record: { data: D }, key: FieldOf<D, string>): string | null {
  return textIn(record.data, key);
}

/** Pieces shared by the Oura tools: resource names, the traceable row base, input shape. */
import { z } from 'zod';
import { dateRangeShape } from '../../../mcp/tools/shared/day-range.js';

/** Oura resource names as the provider declares them (the store's `resource` column). */
export const OURA = {
  personalInfo: 'personal_info',
  dailySleep: 'daily_sleep',
  sleep: 'sleep',
  dailyReadiness: 'daily_readiness',
  dailyActivity: 'daily_activity',
  heartRate: 'heartrate',
  workout: 'workout',
  session: 'session',
  tag: 'tag',
  enhancedTag: 'enhanced_tag',
  dailyStress: 'daily_stress',
  dailyResilience: 'daily_resilience',
  dailySpo2: 'daily_spo2',
  dailyCardiovascularAge: 'daily_cardiovascular_age',
  vo2Max: 'vo2_max',
  ringConfiguration: 'ring_configuration',
  restModePeriod: 'rest_mode_period',
} as const;

/** Input shape of every windowed Oura read. */
export const ouraRangeInput = dateRangeShape;

/** Every row says which day it belongs to and where it came from. */
export const rowBaseShape = {
  day: z.string().describe('Local day the provider assigned this record to (YYYY-MM-DD).'),
  source: z.literal('oura'),
  id: z.string().describe('Oura document id (look the row up again with it).'),
};

/** The traceable base of a row built from one stored record. */
export function rowBase(record: { day: string | null; id: string }): { day: string; source: 'oura'; id: string } {
  return { day: record.day ?? '', source: 'oura', id: record.id };
}

/** Standard annotations of a cache-first Oura read (may fetch from Oura when data is missing). */
export const OURA_READ_HINTS = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const;

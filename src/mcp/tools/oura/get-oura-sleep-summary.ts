/** `get_oura_sleep_summary`: one row per night: daily sleep score plus the main sleep period. */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';
import { defineTool } from '../define-tool.js';
import { mergeNotes, readDayRecords, readMeta } from '../shared/cached-read.js';
import { resolveDayRange } from '../shared/dates.js';
import { numberField } from '../shared/fields.js';
import { nullableNumber, readMetaShape } from '../shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput } from './oura-common.js';
import { mainPeriodByDay, sleepPeriodFields, sleepStagesShape } from './sleep-period.js';

const rowSchema = z.object({
  day: z.string().describe('Local day the night is assigned to (the wake-up day).'),
  source: z.literal('oura'),
  daily_sleep_id: z.string().nullable(),
  sleep_period_id: z.string().nullable().describe('Id of the main sleep period (see get_oura_sleep_detailed).'),
  score: nullableNumber.describe('Sleep score 0-100.'),
  ...sleepStagesShape,
  efficiency: nullableNumber,
  resting_heart_rate_bpm: nullableNumber.describe('Lowest heart rate during the main sleep.'),
  average_hrv_ms: nullableNumber.optional().describe('Average HRV of the main sleep (include_hrv).'),
});

function nightRow(day: string, score?: StoredRecord, period?: StoredRecord, includeHrv = true) {
  const fields = period ? sleepPeriodFields(period) : undefined;
  return {
    day,
    source: 'oura' as const,
    daily_sleep_id: score?.id ?? null,
    sleep_period_id: period?.id ?? null,
    score: score ? numberField(score, 'score') : null,
    bedtime_start: fields?.bedtime_start ?? null,
    bedtime_end: fields?.bedtime_end ?? null,
    total_sleep_seconds: fields?.total_sleep_seconds ?? null,
    time_in_bed_seconds: fields?.time_in_bed_seconds ?? null,
    deep_sleep_seconds: fields?.deep_sleep_seconds ?? null,
    rem_sleep_seconds: fields?.rem_sleep_seconds ?? null,
    light_sleep_seconds: fields?.light_sleep_seconds ?? null,
    awake_seconds: fields?.awake_seconds ?? null,
    efficiency: fields?.efficiency ?? null,
    resting_heart_rate_bpm: fields?.lowest_heart_rate_bpm ?? null,
    ...(includeHrv ? { average_hrv_ms: fields?.average_hrv_ms ?? null } : {}),
  };
}

export const getOuraSleepSummary = defineTool({
  name: 'get_oura_sleep_summary',
  title: 'Oura sleep summary',
  description:
    'One row per night (local wake-up day): Oura sleep score plus the main sleep period: total/deep/REM/light/awake seconds, time in bed, efficiency, resting heart rate and average HRV.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object({
    ...ouraRangeInput,
    include_hrv: z.boolean().optional().describe('Include the average HRV of each night (default true).'),
  }),
  output: z.object({ ...readMetaShape, nights: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    // Side by side: when both must be fetched, the sync batches them into one round trip.
    const [scores, periods] = await Promise.all([
      readDayRecords(context, { provider: 'oura', resource: OURA.dailySleep, range, fresh }),
      readDayRecords(context, { provider: 'oura', resource: OURA.sleep, range, fresh }),
    ]);
    const scoreByDay = new Map(scores.records.flatMap((record) => (record.day ? [[record.day, record] as const] : [])));
    const mainPeriods = mainPeriodByDay(periods.records);
    const days = [...new Set([...scoreByDay.keys(), ...mainPeriods.keys()])].sort();
    const nights = days.map((day) => nightRow(day, scoreByDay.get(day), mainPeriods.get(day), input.include_hrv ?? true));
    const note = mergeNotes([scores.note, periods.note], fresh);
    return { ...readMeta(range, note, [...scores.records, ...periods.records]), nights };
  },
});

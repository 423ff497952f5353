/**
 * `get_oura_sleep_summary`: one row per night: daily sleep score plus the main sleep period, as a
 * compact table (column names and units once), so a whole month fits in a few KB.
 */
import { z } from 'zod';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { buildDayTable, clockTime, dayTableShape, includeIdsInput, type Column } from '../../../mcp/tools/shared/day-table.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput } from './oura-common.js';
import { mainPeriodByDay, sleepPeriodFields, type SleepPeriodRecord } from './sleep-period.js';

interface Night {
  day: string;
  score?: StoredKindRecord<'daily_scores'>;
  period?: SleepPeriodRecord;
  fields?: ReturnType<typeof sleepPeriodFields>;
}

type PeriodField = 'total_sleep_seconds' | 'time_in_bed_seconds' | 'deep_sleep_seconds' | 'rem_sleep_seconds' | 'light_sleep_seconds' | 'awake_seconds';
const seconds = (name: PeriodField): Column<Night> => ({ name, unit: 's', value: (night) => night.fields?.[name] ?? null });
/** The bed time as Oura wrote it (with the person's offset). */
const localClock = (night: Night, key: 'bedtime_start' | 'bedtime_end'): string | null => clockTime(night.fields?.[key] ?? null);

const COLUMNS: readonly Column<Night>[] = [
  { name: 'day', value: (night) => night.day },
  { name: 'score', unit: 'score 0-100', value: (night) => night.score?.data.score ?? null },
  seconds('total_sleep_seconds'),
  seconds('deep_sleep_seconds'),
  seconds('rem_sleep_seconds'),
  seconds('light_sleep_seconds'),
  seconds('awake_seconds'),
  seconds('time_in_bed_seconds'),
  { name: 'efficiency', unit: '%', value: (night) => night.fields?.efficiency ?? null },
  { name: 'resting_heart_rate_bpm', unit: 'bpm', value: (night) => night.fields?.lowest_heart_rate_bpm ?? null },
  { name: 'bedtime_start', unit: 'local HH:MM (evening before day when later than bedtime_end)', value: (night) => localClock(night, 'bedtime_start') },
  { name: 'bedtime_end', unit: 'local HH:MM', value: (night) => localClock(night, 'bedtime_end') },
];
const HRV: Column<Night> = { name: 'average_hrv_ms', unit: 'ms', value: (night) => night.fields?.average_hrv_ms ?? null };
const IDS: readonly Column<Night>[] = [
  { name: 'daily_sleep_id', value: (night) => night.score?.id ?? null },
  { name: 'sleep_period_id', value: (night) => night.period?.id ?? null },
];

export const getOuraSleepSummary = defineTool({
  name: 'get_oura_sleep_summary',
  title: 'Oura sleep summary',
  description:
    'One row per night (local wake-up day) as a table: Oura sleep score plus the main sleep period: total/deep/REM/light/awake seconds, time in bed, efficiency, resting heart rate, bed times and average HRV. 30 nights fit in one answer.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  keyParameters: ['start_date', 'end_date', 'include_hrv', 'include_ids'],
  input: z.object({
    ...ouraRangeInput,
    include_hrv: z.boolean().optional().describe('Include the average HRV of each night (default true).'),
    include_ids: includeIdsInput,
  }),
  output: z.object({
    ...readMetaShape,
    source: z.literal('oura'),
    ...dayTableShape('day, score, *_seconds (main period), efficiency, resting_heart_rate_bpm, bedtime_start, bedtime_end[, average_hrv_ms][, daily_sleep_id, sleep_period_id].'),
  }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    // Side by side: when both must be fetched, the sync batches them into one round trip.
    const [scores, periods] = await Promise.all([
      readDayRecords(context, { provider: 'oura', resource: OURA.dailySleep, kind: 'daily_scores', range, fresh }),
      readDayRecords(context, { provider: 'oura', resource: OURA.sleep, kind: 'sleep_period', range, fresh }),
    ]);
    const scoreByDay = new Map(scores.records.flatMap((record) => (record.day ? [[record.day, record] as const] : [])));
    const mainPeriods = mainPeriodByDay(periods.records);
    const days = [...new Set([...scoreByDay.keys(), ...mainPeriods.keys()])].sort();
    const nights = days.map((day): Night => {
      const period = mainPeriods.get(day);
      return { day, ...(scoreByDay.has(day) ? { score: scoreByDay.get(day) } : {}), ...(period ? { period, fields: sleepPeriodFields(period) } : {}) };
    });
    const columns = [...COLUMNS, ...(input.include_hrv ?? true ? [HRV] : []), ...(input.include_ids ? IDS : [])];
    const note = mergeNotes([scores.note, periods.note], fresh);
    return { ...readMeta(range, note, [...scores.records, ...periods.records]), source: 'oura' as const, ...buildDayTable(nights, columns) };
  },
});

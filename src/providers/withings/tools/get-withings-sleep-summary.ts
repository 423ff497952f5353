/**
 * `get_withings_sleep_summary`: nightly sleep from Withings (score, stages, HR, breathing, snoring,
 * apnea index) as a compact table: one row per night (a nap is a night of its own), `day` first.
 */
import { z } from 'zod';
import type { FieldOf } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import type { WithingsSleepData } from '../normalize-sleep.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { buildDayTable, clockTime, dayTableShape, includeIdsInput, type Column } from '../../../mcp/tools/shared/day-table.js';
import { dateRangeShape, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num } from './withings-common.js';

/** A stored sleep summary: a sleep period with Withings' own breathing index (what this resource's normalizer writes). */
type SleepSummary = Omit<StoredKindRecord<'sleep_period'>, 'data'> & { data: WithingsSleepData };

const FIELDS: ReadonlyArray<[FieldOf<WithingsSleepData, number>, string]> = [
  ['sleep_score', 'score 0-100'], ['total_sleep_seconds', 's'], ['time_in_bed_seconds', 's'], ['deep_sleep_seconds', 's'],
  ['light_sleep_seconds', 's'], ['rem_sleep_seconds', 's'], ['awake_seconds', 's'], ['efficiency_pct', '%'], ['latency_seconds', 's'],
  ['wakeup_count', 'count'], ['average_heart_rate_bpm', 'bpm'], ['lowest_heart_rate_bpm', 'bpm'], ['respiratory_rate', 'breaths/min'],
  ['snoring_seconds', 's'], ['snoring_episodes', 'count'], ['apnea_hypopnea_index', 'events/h'], ['withings_index', 'breathing events/h'],
  ['breathing_disturbances_intensity', 'index'],
];

const COLUMNS: readonly Column<SleepSummary>[] = [
  { name: 'day', value: (record) => record.day ?? '' },
  { name: 'start', unit: 'local HH:MM (evening before day when later than end)', value: (record) => clockTime(record.start) },
  { name: 'end', unit: 'local HH:MM', value: (record) => clockTime(record.end) },
  ...FIELDS.map(([name, unit]): Column<SleepSummary> => ({ name, unit, value: (record) => num(record, name) })),
];
const ID: Column<SleepSummary> = { name: 'id', value: (record) => record.id };

export const getWithingsSleepSummary = defineTool({
  name: 'get_withings_sleep_summary',
  title: 'Withings sleep summary',
  description:
    'Withings sleep per night in a local day range (the day the night ends) as a table: sleep score, total/deep/light/REM/awake seconds, efficiency, latency, heart rate, breathing rate, snoring and the apnea-hypopnea index.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  keyParameters: ['start_date', 'end_date', 'include_ids'],
  input: z.object({ ...dateRangeShape, include_ids: includeIdsInput }),
  output: z.object({
    ...readMetaShape,
    source: z.literal('withings'),
    ...dayTableShape(`day, start, end, ${FIELDS.map(([name]) => name).join(', ')}[, id].`),
  }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const read = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.sleepSummary, kind: 'sleep_period', range, fresh: input.fresh ?? false });
    const { records, note } = read as { records: SleepSummary[]; note: typeof read.note };
    const columns = [...COLUMNS, ...(input.include_ids ? [ID] : [])];
    return { ...readMeta(range, note, records), source: 'withings' as const, ...buildDayTable(records, columns) };
  },
});

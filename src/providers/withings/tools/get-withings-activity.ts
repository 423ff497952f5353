/**
 * `get_withings_activity`: daily activity from Withings (steps, distance, floors, calories,
 * intensity time, HR) as a compact table: column names, units and source once, one row per day.
 */
import { z } from 'zod';
import type { NumberField } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { buildDayTable, dayTableShape, includeIdsInput, type Column } from '../../../mcp/tools/shared/day-table.js';
import { dateRangeShape, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, str } from './withings-common.js';

type Activity = StoredKindRecord<'activity_day'>;

const FIELDS: ReadonlyArray<[NumberField<'activity_day'>, string]> = [
  ['steps', 'steps'], ['distance_m', 'm'], ['floors_climbed', 'floors'], ['active_calories', 'kcal'], ['total_calories', 'kcal'],
  ['soft_activity_seconds', 's'], ['moderate_activity_seconds', 's'], ['intense_activity_seconds', 's'],
  ['average_heart_rate_bpm', 'bpm'], ['min_heart_rate_bpm', 'bpm'], ['max_heart_rate_bpm', 'bpm'],
];

const COLUMNS: readonly Column<Activity>[] = [
  { name: 'day', value: (record) => record.day ?? '' },
  ...FIELDS.map(([name, unit]): Column<Activity> => ({ name, unit, value: (record) => num(record, name) })),
  { name: 'device_model', value: (record) => str(record, 'device_model') },
];
const ID: Column<Activity> = { name: 'id', value: (record) => record.id };

export const getWithingsActivity = defineTool({
  name: 'get_withings_activity',
  title: 'Withings daily activity',
  description:
    'Withings daily activity in a local day range as a table: steps, distance (m), floors, active and total calories (kcal), seconds of soft/moderate/intense activity, and heart rate. 30 days fit in one answer.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  keyParameters: ['start_date', 'end_date', 'include_ids'],
  input: z.object({ ...dateRangeShape, include_ids: includeIdsInput }),
  output: z.object({
    ...readMetaShape,
    source: z.literal('withings'),
    ...dayTableShape(`day, ${FIELDS.map(([name]) => name).join(', ')}, device_model[, id].`),
  }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.activity, kind: 'activity_day', range, fresh: input.fresh ?? false });
    const columns = [...COLUMNS, ...(input.include_ids ? [ID] : [])];
    return { ...readMeta(range, note, records), source: 'withings' as const, ...buildDayTable(records, columns) };
  },
});

/** `get_withings_activity`: daily activity from Withings (steps, distance, floors, calories, intensity time, HR). */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { readDayRecords, readMeta } from '../shared/cached-read.js';
import { dateRangeShape, resolveDayRange } from '../shared/dates.js';
import { nullableNumber, readMetaShape } from '../shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, rowBase, rowBaseShape, str } from './withings-common.js';

const FIELDS = [
  'steps', 'distance_m', 'floors_climbed', 'active_calories', 'total_calories', 'soft_activity_seconds', 'moderate_activity_seconds',
  'intense_activity_seconds', 'average_heart_rate_bpm', 'min_heart_rate_bpm', 'max_heart_rate_bpm',
] as const;

const daySchema = z.object({
  ...rowBaseShape,
  ...Object.fromEntries(FIELDS.map((key) => [key, nullableNumber])),
  device_model: z.string().nullable(),
});

export const getWithingsActivity = defineTool({
  name: 'get_withings_activity',
  title: 'Withings daily activity',
  description:
    'Withings daily activity in a local day range: steps, distance (m), floors, active and total calories (kcal), seconds of soft/moderate/intense activity, and heart rate.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, days: z.array(daySchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.activity, range, fresh: input.fresh ?? false });
    const days = records.map((record) => ({
      ...rowBase(record),
      ...Object.fromEntries(FIELDS.map((key) => [key, num(record, key)])),
      device_model: str(record, 'device_model'),
    }));
    return { ...readMeta(range, note, records), days };
  },
});

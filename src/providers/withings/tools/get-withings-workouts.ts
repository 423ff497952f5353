/** `get_withings_workouts`: workouts from Withings with heart-rate zones. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { dateRangeShape, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, rowBase, rowBaseShape, str } from './withings-common.js';

const FIELDS = [
  'duration_seconds', 'active_calories', 'distance_m', 'steps', 'intensity', 'average_heart_rate_bpm', 'max_heart_rate_bpm',
  'hr_zone_light_seconds', 'hr_zone_moderate_seconds', 'hr_zone_intense_seconds', 'hr_zone_max_seconds',
] as const;

function intensityOf({ data }: StoredKindRecord<'workout'>): number | null {
  return typeof data.intensity === 'number' ? data.intensity : null;
}

const workoutSchema = z.object({
  ...rowBaseShape,
  activity: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  ...Object.fromEntries(FIELDS.map((key) => [key, nullableNumber])),
  manual: z.boolean().describe('Entered by hand rather than recorded by a device.'),
});

export const getWithingsWorkouts = defineTool({
  name: 'get_withings_workouts',
  title: 'Withings workouts',
  description:
    'Withings workouts in a local day range: activity, start/end, duration, active calories, distance, steps, intensity, heart rate and seconds in each heart-rate zone.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, workouts: z.array(workoutSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.workouts, kind: 'workout', range, fresh: input.fresh ?? false });
    const workouts = records.map((record) => ({
      ...rowBase(record),
      activity: str(record, 'activity'),
      start: record.start,
      end: record.end,
      // Withings' intensity is a number (its own scale), unlike the ring's words.
      ...Object.fromEntries(FIELDS.map((key) => [key, key === 'intensity' ? intensityOf(record) : num(record, key)])),
      manual: record.data.manual === true,
    }));
    return { ...readMeta(range, note, records), workouts };
  },
});

/** `get_oura_workouts`: workouts (auto-detected or logged) per local day. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { numberField, stringField } from '../../../mcp/tools/shared/fields.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

const rowSchema = z.object({
  ...rowBaseShape,
  activity: z.string().nullable(),
  intensity: z.string().nullable().describe('easy, moderate, hard'),
  label: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  duration_seconds: nullableNumber,
  calories: nullableNumber.describe('kcal'),
  distance_m: nullableNumber,
  recorded_by: z.string().nullable().describe('How Oura got it: manual, autodetected, confirmed, workout_heart_rate.'),
});

export const getOuraWorkouts = defineTool({
  name: 'get_oura_workouts',
  title: 'Oura workouts',
  description: 'Oura workouts in a local day range: activity, intensity, start/end, duration, calories and distance.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, workouts: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.workout, range, fresh });
    const workouts = records.map((record) => {
      const start = record.start ?? stringField(record, 'start_datetime');
      const end = record.end ?? stringField(record, 'end_datetime');
      const computed = start && end ? Math.round((Date.parse(end) - Date.parse(start)) / 1000) : null;
      return {
        ...rowBase(record),
        activity: stringField(record, 'activity'),
        intensity: stringField(record, 'intensity'),
        label: stringField(record, 'label'),
        start,
        end,
        duration_seconds: numberField(record, 'duration_seconds') ?? computed,
        calories: numberField(record, 'calories'),
        distance_m: numberField(record, 'distance_m', 'distance'),
        recorded_by: stringField(record, 'recorded_by', 'source'),
      };
    });
    return { ...readMeta(range, note, records), workouts };
  },
});

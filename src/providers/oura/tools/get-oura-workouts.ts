/** `get_oura_workouts`: workouts (auto-detected or logged) per local day. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
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
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.workout, kind: 'workout', range, fresh });
    const workouts = records.map(({ data, ...record }) => ({
      ...rowBase(record),
      activity: data.activity ?? null,
      intensity: typeof data.intensity === 'string' ? data.intensity : null,
      label: data.label ?? null,
      start: record.start,
      end: record.end,
      duration_seconds: data.duration_seconds,
      calories: data.calories ?? null,
      distance_m: data.distance_m ?? null,
      recorded_by: data.source ?? null,
    }));
    return { ...readMeta(range, note, records), workouts };
  },
});

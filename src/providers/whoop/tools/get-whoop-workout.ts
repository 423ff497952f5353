/** `get_whoop_workout`: one workout by its UUID. */
import { defineWhoopRecordTool, uuidInput } from './record-tool.js';
import { workoutRow, workoutRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopWorkout = defineWhoopRecordTool({
  name: 'get_whoop_workout',
  title: 'WHOOP workout',
  description: 'One WHOOP workout by its UUID: sport, strain, heart rate, calories (kcal), distance and seconds per heart-rate zone.',
  param: 'workout_id',
  idSchema: uuidInput('workout'),
  kind: 'workout',
  recordKind: 'workout',
  field: 'workout',
  row: workoutRowSchema,
  toRow: workoutRow,
  findCached: (context, id) => context.app.store.getRecord('whoop', WHOOP.workout, id),
});

/** `list_whoop_workouts`: workouts with heart-rate zone durations in a window. */
import { defineWhoopListTool } from './list-tool.js';
import { workoutRow, workoutRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const listWhoopWorkouts = defineWhoopListTool({
  name: 'list_whoop_workouts',
  title: 'WHOOP workouts',
  description:
    'WHOOP workouts per local start day, newest first: sport, strain, average/max heart rate, calories (kcal), distance and seconds in each heart-rate zone.',
  resource: WHOOP.workout,
  recordKind: 'workout',
  field: 'workouts',
  row: workoutRowSchema,
  toRow: workoutRow,
});

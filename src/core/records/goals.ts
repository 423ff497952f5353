/** The `goals` kind: the person's targets (a snapshot). */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `goals` record. */
export type GoalsData = RecordDataBase & {
  steps_goal: number | null;
  sleep_goal_seconds: number | null;
  weight_goal_kg: number | null;
};

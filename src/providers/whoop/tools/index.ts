/** Every WHOOP tool, as the module declares them (`toolset` = the provider id). */
import type { ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { getWhoopBodyMeasurement } from './get-whoop-body-measurement.js';
import { getWhoopCycle } from './get-whoop-cycle.js';
import { getWhoopCycleRecovery } from './get-whoop-cycle-recovery.js';
import { getWhoopCycleSleep } from './get-whoop-cycle-sleep.js';
import { getWhoopDailySummary } from './get-whoop-daily-summary.js';
import { getWhoopProfile } from './get-whoop-profile.js';
import { getWhoopSleep } from './get-whoop-sleep.js';
import { getWhoopWorkout } from './get-whoop-workout.js';
import { listWhoopCycles } from './list-whoop-cycles.js';
import { listWhoopRecoveries } from './list-whoop-recoveries.js';
import { listWhoopSleeps } from './list-whoop-sleeps.js';
import { listWhoopWorkouts } from './list-whoop-workouts.js';

/** The WHOOP toolset, in the order the tools are listed. */
export const WHOOP_TOOLS: readonly ToolDefinition[] = [
  getWhoopProfile,
  getWhoopBodyMeasurement,
  listWhoopCycles,
  getWhoopCycle,
  getWhoopCycleSleep,
  getWhoopCycleRecovery,
  listWhoopRecoveries,
  listWhoopSleeps,
  getWhoopSleep,
  listWhoopWorkouts,
  getWhoopWorkout,
  getWhoopDailySummary,
];

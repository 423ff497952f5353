/** Every Withings tool, as the module declares them (`toolset` = the provider id). */
import type { ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { getWithingsActivity } from './get-withings-activity.js';
import { getWithingsDevices } from './get-withings-devices.js';
import { getWithingsGoals } from './get-withings-goals.js';
import { getWithingsIntradayActivity } from './get-withings-intraday-activity.js';
import { getWithingsMeasures } from './get-withings-measures.js';
import { getWithingsHeartSignal, getWithingsStethoSignal } from './get-withings-signal.js';
import { getWithingsSleepSummary } from './get-withings-sleep-summary.js';
import { getWithingsWorkouts } from './get-withings-workouts.js';
import { listWithingsHeartRecords, listWithingsStethoRecords } from './list-withings-records.js';

/** The Withings toolset, in the order the tools are listed. */
export const WITHINGS_TOOLS: readonly ToolDefinition[] = [
  getWithingsSleepSummary,
  getWithingsActivity,
  getWithingsIntradayActivity,
  getWithingsWorkouts,
  getWithingsMeasures,
  getWithingsDevices,
  getWithingsGoals,
  listWithingsHeartRecords,
  getWithingsHeartSignal,
  listWithingsStethoRecords,
  getWithingsStethoSignal,
];

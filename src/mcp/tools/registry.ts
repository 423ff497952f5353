/**
 * Every tool, grouped into toolsets. `core` tools are provider-agnostic; every other toolset is
 * named after the provider whose connection gates it, so a new provider's toolset plugs in by
 * adding its definitions here and nothing else.
 */
import type { ToolDefinition } from './define-tool.js';
import { getAuthStatus } from './core/get-auth-status.js';
import { getEvents } from './core/get-events.js';
import { healthCheck } from './core/health-check.js';
import { exportDataTool } from './core/export-data.js';
import { getObservations } from './core/get-observations.js';
import { syncTool } from './core/sync.js';
import { getOuraActivitySummary } from '../../providers/oura/tools/get-oura-activity-summary.js';
import { getOuraDailyMetrics } from '../../providers/oura/tools/get-oura-daily-metrics.js';
import { getOuraHeartRate } from '../../providers/oura/tools/get-oura-heart-rate.js';
import { getOuraPersonalInfo } from '../../providers/oura/tools/get-oura-personal-info.js';
import { getOuraReadinessScore } from '../../providers/oura/tools/get-oura-readiness-score.js';
import { getOuraRingInfo } from '../../providers/oura/tools/get-oura-ring-info.js';
import { getOuraSessions } from '../../providers/oura/tools/get-oura-sessions.js';
import { getOuraSleepDetailed } from '../../providers/oura/tools/get-oura-sleep-detailed.js';
import { getOuraSleepSummary } from '../../providers/oura/tools/get-oura-sleep-summary.js';
import { getOuraTags } from '../../providers/oura/tools/get-oura-tags.js';
import { getOuraWorkouts } from '../../providers/oura/tools/get-oura-workouts.js';
import { comparePeriodsTool } from './insights/compare-periods.js';
import { getDailySummary } from './insights/get-daily-summary.js';
import { getHealthInsights } from './insights/get-health-insights.js';
import { getTrends } from './insights/get-trends.js';
import { getWithingsActivity } from '../../providers/withings/tools/get-withings-activity.js';
import { getWithingsDevices } from '../../providers/withings/tools/get-withings-devices.js';
import { getWithingsGoals } from '../../providers/withings/tools/get-withings-goals.js';
import { getWithingsIntradayActivity } from '../../providers/withings/tools/get-withings-intraday-activity.js';
import { getWithingsMeasures } from '../../providers/withings/tools/get-withings-measures.js';
import { getWithingsHeartSignal, getWithingsStethoSignal } from '../../providers/withings/tools/get-withings-signal.js';
import { getWithingsSleepSummary } from '../../providers/withings/tools/get-withings-sleep-summary.js';
import { getWithingsWorkouts } from '../../providers/withings/tools/get-withings-workouts.js';
import { listWithingsHeartRecords, listWithingsStethoRecords } from '../../providers/withings/tools/list-withings-records.js';
import { getWhoopBodyMeasurement } from '../../providers/whoop/tools/get-whoop-body-measurement.js';
import { getWhoopCycle } from '../../providers/whoop/tools/get-whoop-cycle.js';
import { getWhoopCycleRecovery } from '../../providers/whoop/tools/get-whoop-cycle-recovery.js';
import { getWhoopCycleSleep } from '../../providers/whoop/tools/get-whoop-cycle-sleep.js';
import { getWhoopDailySummary } from '../../providers/whoop/tools/get-whoop-daily-summary.js';
import { getWhoopProfile } from '../../providers/whoop/tools/get-whoop-profile.js';
import { getWhoopSleep } from '../../providers/whoop/tools/get-whoop-sleep.js';
import { getWhoopWorkout } from '../../providers/whoop/tools/get-whoop-workout.js';
import { listWhoopCycles } from '../../providers/whoop/tools/list-whoop-cycles.js';
import { listWhoopRecoveries } from '../../providers/whoop/tools/list-whoop-recoveries.js';
import { listWhoopSleeps } from '../../providers/whoop/tools/list-whoop-sleeps.js';
import { listWhoopWorkouts } from '../../providers/whoop/tools/list-whoop-workouts.js';

/** All tool definitions, in the order they are listed. */
export const TOOLS: readonly ToolDefinition[] = [
  getAuthStatus,
  syncTool,
  getEvents,
  healthCheck,
  getObservations,
  exportDataTool,
  getOuraPersonalInfo,
  getOuraSleepSummary,
  getOuraSleepDetailed,
  getOuraReadinessScore,
  getOuraActivitySummary,
  getOuraHeartRate,
  getOuraWorkouts,
  getOuraSessions,
  getOuraTags,
  getOuraDailyMetrics,
  getOuraRingInfo,
  getDailySummary,
  getTrends,
  comparePeriodsTool,
  getHealthInsights,
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

/** The toolset names, `core` first. */
export function toolsetNames(tools: readonly ToolDefinition[] = TOOLS): string[] {
  return [...new Set(tools.map((tool) => tool.toolset))];
}

/**
 * The tools a server exposes for the requested toolsets (`all` or names) and read-only mode.
 * Unknown toolset names are reported so config mistakes are visible.
 */
export function selectTools(
  requested: readonly string[],
  options: { readOnly?: boolean; tools?: readonly ToolDefinition[] } = {},
): { tools: ToolDefinition[]; unknown: string[] } {
  const all = options.tools ?? TOOLS;
  const known = new Set(toolsetNames(all));
  const wanted = new Set(requested.map((name) => name.trim().toLowerCase()).filter(Boolean));
  const everything = wanted.size === 0 || wanted.has('all');
  const unknown = [...wanted].filter((name) => name !== 'all' && !known.has(name));
  const tools = all.filter(
    (tool) => (everything || wanted.has(tool.toolset)) && (!options.readOnly || tool.annotations.readOnlyHint),
  );
  return { tools, unknown };
}

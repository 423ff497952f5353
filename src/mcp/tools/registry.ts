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
import { getOuraActivitySummary } from './oura/get-oura-activity-summary.js';
import { getOuraDailyMetrics } from './oura/get-oura-daily-metrics.js';
import { getOuraHeartRate } from './oura/get-oura-heart-rate.js';
import { getOuraPersonalInfo } from './oura/get-oura-personal-info.js';
import { getOuraReadinessScore } from './oura/get-oura-readiness-score.js';
import { getOuraRingInfo } from './oura/get-oura-ring-info.js';
import { getOuraSessions } from './oura/get-oura-sessions.js';
import { getOuraSleepDetailed } from './oura/get-oura-sleep-detailed.js';
import { getOuraSleepSummary } from './oura/get-oura-sleep-summary.js';
import { getOuraTags } from './oura/get-oura-tags.js';
import { getOuraWorkouts } from './oura/get-oura-workouts.js';
import { comparePeriodsTool } from './insights/compare-periods.js';
import { getDailySummary } from './insights/get-daily-summary.js';
import { getHealthInsights } from './insights/get-health-insights.js';
import { getTrends } from './insights/get-trends.js';
import { getWithingsActivity } from './withings/get-withings-activity.js';
import { getWithingsDevices } from './withings/get-withings-devices.js';
import { getWithingsGoals } from './withings/get-withings-goals.js';
import { getWithingsIntradayActivity } from './withings/get-withings-intraday-activity.js';
import { getWithingsMeasures } from './withings/get-withings-measures.js';
import { getWithingsHeartSignal, getWithingsStethoSignal } from './withings/get-withings-signal.js';
import { getWithingsSleepSummary } from './withings/get-withings-sleep-summary.js';
import { getWithingsWorkouts } from './withings/get-withings-workouts.js';
import { listWithingsHeartRecords, listWithingsStethoRecords } from './withings/list-withings-records.js';
import { getWhoopBodyMeasurement } from './whoop/get-whoop-body-measurement.js';
import { getWhoopCycle } from './whoop/get-whoop-cycle.js';
import { getWhoopCycleRecovery } from './whoop/get-whoop-cycle-recovery.js';
import { getWhoopCycleSleep } from './whoop/get-whoop-cycle-sleep.js';
import { getWhoopDailySummary } from './whoop/get-whoop-daily-summary.js';
import { getWhoopProfile } from './whoop/get-whoop-profile.js';
import { getWhoopSleep } from './whoop/get-whoop-sleep.js';
import { getWhoopWorkout } from './whoop/get-whoop-workout.js';
import { listWhoopCycles } from './whoop/list-whoop-cycles.js';
import { listWhoopRecoveries } from './whoop/list-whoop-recoveries.js';
import { listWhoopSleeps } from './whoop/list-whoop-sleeps.js';
import { listWhoopWorkouts } from './whoop/list-whoop-workouts.js';

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

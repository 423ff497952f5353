/** Every Oura tool, as the module declares them (`toolset` = the provider id). */
import type { ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { getOuraActivitySummary } from './get-oura-activity-summary.js';
import { getOuraDailyMetrics } from './get-oura-daily-metrics.js';
import { getOuraHeartRate } from './get-oura-heart-rate.js';
import { getOuraPersonalInfo } from './get-oura-personal-info.js';
import { getOuraReadinessScore } from './get-oura-readiness-score.js';
import { getOuraRingInfo } from './get-oura-ring-info.js';
import { getOuraSessions } from './get-oura-sessions.js';
import { getOuraSleepDetailed } from './get-oura-sleep-detailed.js';
import { getOuraSleepSummary } from './get-oura-sleep-summary.js';
import { getOuraTags } from './get-oura-tags.js';
import { getOuraWorkouts } from './get-oura-workouts.js';

/** The Oura toolset, in the order the tools are listed. */
export const OURA_TOOLS: readonly ToolDefinition[] = [
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
];

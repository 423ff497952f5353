/**
 * Every tool, grouped into toolsets. `core` and `insights` tools are provider-agnostic; every
 * other toolset is a provider module's `tools`, named after the provider whose connection gates
 * it, so a provider's toolset plugs in through the provider registry and nothing here.
 */
import { PROVIDER_MODULES } from '../../providers/registry.js';
import type { ToolDefinition } from './define-tool.js';
import { getAuthStatus } from './core/get-auth-status.js';
import { getEvents } from './core/get-events.js';
import { healthCheck } from './core/health-check.js';
import { exportDataTool } from './core/export-data.js';
import { getObservations } from './core/get-observations.js';
import { syncTool } from './core/sync.js';
import { comparePeriodsTool } from './insights/compare-periods.js';
import { getDailySummary } from './insights/get-daily-summary.js';
import { getHealthInsights } from './insights/get-health-insights.js';
import { getTrends } from './insights/get-trends.js';

/** All tool definitions, in the order they are listed. */
export const TOOLS: readonly ToolDefinition[] = [
  getAuthStatus,
  syncTool,
  getEvents,
  healthCheck,
  getObservations,
  exportDataTool,
  getDailySummary,
  getTrends,
  comparePeriodsTool,
  getHealthInsights,
  ...PROVIDER_MODULES.flatMap((module) => module.tools),
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

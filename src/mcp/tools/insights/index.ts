/** The `insights` toolset, in the order its tools are listed (loaded on the first call of one of them). */
import type { ToolDefinition } from '../define-tool.js';
import { comparePeriodsTool } from './compare-periods.js';
import { getDailySummary } from './get-daily-summary.js';
import { getHealthInsights } from './get-health-insights.js';
import { getTrends } from './get-trends.js';

/** Every `insights` tool, in listing order. */
export const INSIGHTS_TOOLS: readonly ToolDefinition[] = [getDailySummary, getTrends, comparePeriodsTool, getHealthInsights];

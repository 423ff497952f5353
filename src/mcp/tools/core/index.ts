/** The `core` toolset, in the order its tools are listed (loaded on the first call of one of them). */
import type { ToolDefinition } from '../define-tool.js';
import { exportDataTool } from './export-data.js';
import { getAuthStatus } from './get-auth-status.js';
import { getEvents } from './get-events.js';
import { getObservations } from './get-observations.js';
import { healthCheck } from './health-check.js';
import { importDataTool } from './import-data.js';
import { syncTool } from './sync.js';

/** Every `core` tool, in listing order. */
export const CORE_TOOLS: readonly ToolDefinition[] = [getAuthStatus, syncTool, importDataTool, getEvents, healthCheck, getObservations, exportDataTool];

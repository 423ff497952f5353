/** Registers every resource template. Specific prefixes first: templates match in registration order. */
import type { McpServer } from '@modelcontextprotocol/server';
import type { HostContext } from '../host-context.js';
import { registerTrendChartView } from './trend-chart-resource.js';
import { registerDataSlice } from './data-slice.js';
import { registerFeedResources } from './feed-resources.js';
import { registerResourceListing } from './resource-listing.js';
import { PROVIDER_MODULES } from '../../providers/registry.js';

/** Adds the `wearables://` resource templates to `server`. */
export function registerResources(server: McpServer, context: HostContext): void {
  registerFeedResources(server, context);
  for (const module of PROVIDER_MODULES) module.registerResources?.(server, context);
  registerDataSlice(server, context);
  registerResourceListing(server, context);
  registerTrendChartView(server);
}

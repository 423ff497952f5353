/**
 * `ui://wearables-mcp/trend-chart`: the MCP Apps view of `get_trends` (text/html;profile=mcp-app),
 * one static self-contained document; the data comes with each tool answer.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { PACKAGE_VERSION } from '../../core/version.js';
import { trendChartViewHtml } from '../../report/trend-chart-view.js';
import { CHART_META_KEY, MCP_APP_MIME_TYPE } from '../mcp-apps.js';

/** The view's URI, named by `get_trends` in `_meta.ui.resourceUri`. */
export const TREND_CHART_URI = 'ui://wearables-mcp/trend-chart';

/** Registers the trend chart view. */
export function registerTrendChartView(server: McpServer): void {
  // No CSP domains: the view loads nothing from the network (the host's restrictive default).
  const ui = { prefersBorder: true };
  server.registerResource(
    'trend-chart-view',
    TREND_CHART_URI,
    { title: 'Trend chart (MCP Apps view)', description: 'The chart view of get_trends for clients with the MCP Apps extension.', mimeType: MCP_APP_MIME_TYPE, _meta: { ui } },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: MCP_APP_MIME_TYPE, text: trendChartViewHtml({ chartKey: CHART_META_KEY, version: PACKAGE_VERSION }), _meta: { ui } }] }),
  );
}

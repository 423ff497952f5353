/**
 * The MCP Apps view of `get_trends`: one self-contained HTML document (inline style and script,
 * no network, no external file) that a host shows in a sandboxed frame. It speaks the extension's
 * JSON-RPC over `postMessage` (`ui/initialize`, then `ui/notifications/initialized`), and draws
 * the chart the tool answer carries in `_meta["wearables-mcp/chart"]` when the host sends
 * `ui/notifications/tool-result`; it reports its size so the host can fit the frame.
 */
import { REPORT_STYLE } from './report-style.js';

const VIEW_STYLE = `
body { margin: 0; padding: 12px 14px; max-width: none; background: #fff; }
h1 { font-size: 17px; margin: 0 0 4px; }
#status { color: #666; margin: 4px 0; }
`;

/** The view's script (plain ES2020, run by the host's browser). */
function viewScript(chartKey: string, version: string): string {
  return `(() => {
  const CHART_KEY = ${JSON.stringify(chartKey)};
  const pending = new Map();
  let nextId = 1;
  const post = (message) => window.parent.postMessage(Object.assign({ jsonrpc: '2.0' }, message), '*');
  const request = (method, params) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    post({ id, method, params });
  });
  const status = (text) => { document.getElementById('status').textContent = text; };
  let lastSize = '';
  let initialized = false;
  const reportSize = () => {
    if (!initialized) return;
    const size = { width: Math.ceil(document.documentElement.scrollWidth), height: Math.ceil(document.documentElement.scrollHeight) };
    const key = size.width + 'x' + size.height;
    if (key === lastSize) return;
    lastSize = key;
    post({ method: 'ui/notifications/size-changed', params: size });
  };
  const show = (result) => {
    const chart = result && result._meta ? result._meta[CHART_KEY] : undefined;
    const target = document.getElementById('chart');
    if (!chart || typeof chart.html !== 'string') {
      target.textContent = '';
      status(result && result.isError ? 'The tool answered with an error: see the text answer.' : 'No chart in this answer.');
      return;
    }
    document.getElementById('title').textContent = String(chart.title || 'Trend');
    target.innerHTML = chart.html;
    status('');
    reportSize();
  };
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const message = event.data;
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.method === undefined && pending.has(message.id)) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message || 'error'));
      else waiting.resolve(message.result || {});
    } else if (message.method === 'ui/notifications/tool-result') {
      show(message.params);
    } else if (message.method === 'ui/notifications/tool-cancelled') {
      status('The call was cancelled.');
    } else if (message.method === 'ui/resource-teardown' && message.id !== undefined) {
      post({ id: message.id, result: {} });
    } else if (message.method === 'ping' && message.id !== undefined) {
      post({ id: message.id, result: {} });
    }
  });
  request('ui/initialize', { appCapabilities: { availableDisplayModes: ['inline'] }, appInfo: { name: 'wearables-mcp trend chart', version: ${JSON.stringify(version)} }, protocolVersion: '2026-01-26' })
    .then(() => { post({ method: 'ui/notifications/initialized', params: {} }); initialized = true; reportSize(); })
    .catch(() => status('The host did not answer.'));
  if (typeof ResizeObserver === 'function') new ResizeObserver(reportSize).observe(document.body);
})();`;
}

/** The view document; `chartKey` is the `_meta` key of the chart in the tool answer. */
export function trendChartViewHtml(options: { chartKey: string; version: string }): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>Trend chart</title><style>${REPORT_STYLE}${VIEW_STYLE}</style></head><body>` +
    '<h1 id="title">Trend</h1><p id="status">Waiting for the answer…</p><figure id="chart-figure"><div id="chart"></div></figure>' +
    `<script>${viewScript(options.chartKey, options.version)}</script></body></html>`
  );
}

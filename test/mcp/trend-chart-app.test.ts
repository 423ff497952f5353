/**
 * `get_trends` with the MCP Apps extension, through real clients on a store synced from the
 * simulator: a client declaring `io.modelcontextprotocol/ui` sees `_meta.ui.resourceUri` in
 * tools/list and the chart in the answer's `_meta`; a client without it sees tools/list and the
 * answer exactly as before. The view resource is self-contained HTML, and in headless Chromium,
 * under a minimal host (the extension's postMessage handshake), it draws the chart of a real answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/server.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';
import { HAS_CHROMIUM, launchChromium } from '../report/support/chromium.js';

const UI = 'io.modelcontextprotocol/ui';
const MIME = 'text/html;profile=mcp-app';
const VIEW_URI = 'ui://wearables-mcp/trend-chart';
const CHART_KEY = 'wearables-mcp/chart';
const OUTPUT = resolve('test-output');

interface Answer {
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, { title: string; html: string } | undefined>;
  isError?: boolean;
}

let s: SimulatedApp;
const clients: Array<{ client: Client; close(): Promise<void> }> = [];

async function connect(capabilities: Record<string, unknown>): Promise<Client> {
  const server = await createMcpServer(s.app);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'apps-test', version: '1.0.0' }, { capabilities });
  await client.connect(clientTransport);
  clients.push({ client, close: async () => (await client.close(), await server.close()) });
  return client;
}

beforeAll(async () => {
  s = await startSimulatedApp(60);
}, 60_000);
afterAll(async () => {
  for (const connection of clients) await connection.close();
  await s?.close();
});

const ARGS = { metric: 'bedtime_hours', start_date: '2024-05-17', end_date: '2024-06-15', resolution: 'day' };

describe('get_trends as an MCP App', () => {
  let plain: Client;
  let apps: Client;
  beforeAll(async () => {
    plain = await connect({});
    apps = await connect({ extensions: { [UI]: { mimeTypes: [MIME] } } });
  });

  it('lists the view only to a client declaring the extension', async () => {
    const listed = async (client: Client) => (await client.listTools()).tools.find((tool) => tool.name === 'get_trends');
    const without = await listed(plain);
    const withApps = await listed(apps);
    expect(without?._meta).toBeUndefined();
    expect(withApps?._meta).toEqual({ ui: { resourceUri: VIEW_URI } });
    expect({ ...withApps, _meta: undefined }).toEqual({ ...without, _meta: undefined });
    // A client that declares the extension for other MIME types only gets no view either.
    const other = await connect({ extensions: { [UI]: { mimeTypes: ['text/uri-list'] } } });
    expect((await listed(other))?._meta).toBeUndefined();
  });

  it('answers the same text and data to both, the chart only in the _meta of the app client', async () => {
    const without = (await plain.callTool({ name: 'get_trends', arguments: ARGS })) as Answer;
    const withApps = (await apps.callTool({ name: 'get_trends', arguments: ARGS })) as Answer;
    expect(without.isError).toBeFalsy();
    expect(without._meta).toBeUndefined();
    expect(withApps.content).toEqual(without.content);
    expect(withApps.structuredContent).toEqual(without.structuredContent);
    const chart = withApps._meta?.[CHART_KEY];
    expect(chart?.title).toBe('Bedtime (clock time)');
    const buckets = (without.structuredContent?.buckets as Array<{ n: number }>).filter((bucket) => bucket.n > 0);
    expect(buckets.length).toBeGreaterThan(20);
    expect(chart?.html).toContain(`data-points="${buckets.length}"`);
    expect(chart?.html.match(/class="tick tick-y"[^>]*>([^<]+)</g)?.every((tick) => /\d\d:\d\d<$/.test(tick))).toBe(true);
    // An error answer stays an error answer, with no chart.
    const refused = (await apps.callTool({ name: 'get_trends', arguments: { metric: 'steps', start_date: '2020-01-01', end_date: '2024-06-15', resolution: 'day' } })) as Answer;
    expect(refused.isError).toBe(true);
    expect(refused._meta?.[CHART_KEY]).toBeUndefined();
  });

  it('serves the view as one self-contained HTML document', async () => {
    const read = await apps.readResource({ uri: VIEW_URI });
    const [content] = read.contents as Array<{ uri: string; mimeType: string; text: string; _meta?: unknown }>;
    expect(content?.mimeType).toBe(MIME);
    expect(content?.uri).toBe(VIEW_URI);
    expect(content?.text).toMatch(/^<!doctype html><html/i);
    expect(content?.text).not.toMatch(/<link|src=|https?:\/\/|@import|url\(/i);
    expect(content?.text).toContain('ui/initialize');
    expect(content?.text).toContain(CHART_KEY);
    // Plain clients can read it too (it is listed), it just is not offered to them by the tool.
    expect((await plain.readResource({ uri: VIEW_URI })).contents).toHaveLength(1);
  });

  it.skipIf(!HAS_CHROMIUM)('draws the chart of a real answer under a host speaking the extension', async () => {
    const view = ((await apps.readResource({ uri: VIEW_URI })).contents[0] as { text: string }).text;
    const answer = await apps.callTool({ name: 'get_trends', arguments: { metric: 'resting_heart_rate_bpm', start_date: '2024-04-17', end_date: '2024-06-15', resolution: 'week' } });
    // A minimal host: answers ui/initialize, then sends the tool input and result once initialized.
    const host = `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{margin:0}iframe{border:0;width:100%;height:600px}</style></head><body>
<iframe id="view"></iframe><script>
const log = [];
const frame = document.getElementById('view');
window.addEventListener('message', (event) => {
  const message = event.data; log.push(message.method || 'response');
  const reply = (body) => frame.contentWindow.postMessage(Object.assign({ jsonrpc: '2.0' }, body), '*');
  if (message.method === 'ui/initialize') reply({ id: message.id, result: { protocolVersion: '2026-01-26', hostCapabilities: {}, hostInfo: { name: 'test-host', version: '1' }, hostContext: { displayMode: 'inline' } } });
  if (message.method === 'ui/notifications/initialized') {
    reply({ method: 'ui/notifications/tool-input', params: { arguments: {} } });
    reply({ method: 'ui/notifications/tool-result', params: ${JSON.stringify(answer).replace(/</g, '\\u003c')} });
  }
  if (message.method === 'ui/notifications/size-changed') frame.style.height = message.params.height + 'px';
});
frame.srcdoc = ${JSON.stringify(view).replace(/</g, '\\u003c')};
</script></body></html>`;
    mkdirSync(OUTPUT, { recursive: true });
    const hostPath = join(OUTPUT, 'trend-chart-host.html');
    writeFileSync(hostPath, host);
    const browser = await launchChromium();
    try {
      await browser.open(pathToFileURL(hostPath).href, 390, 700);
      const drawn = await browser.evaluate<{ log: string[]; title: string; points: number[]; legend: Array<[string, string]>; minFont: number; overflow: boolean }>(`(async () => {
        const frame = document.getElementById('view');
        for (let i = 0; i < 100 && !frame.contentDocument?.querySelector('path.series'); i++) await new Promise((done) => setTimeout(done, 50));
        const doc = frame.contentDocument;
        const rgb = (hex) => { const n = parseInt(hex.slice(1), 16); return 'rgb(' + (n >> 16) + ', ' + ((n >> 8) & 255) + ', ' + (n & 255) + ')'; };
        return {
          log,
          title: doc.getElementById('title').textContent,
          points: [...doc.querySelectorAll('path.series')].map((path) => Number(path.dataset.points)),
          legend: [...doc.querySelectorAll('.legend-series')].map((item) => [rgb(item.dataset.color), getComputedStyle(item.querySelector('.key-mark')).fill]),
          minFont: Math.min(...[...doc.querySelectorAll('.tick')].map((tick) => parseFloat(getComputedStyle(tick).fontSize))),
          overflow: doc.documentElement.scrollWidth > frame.clientWidth,
        };
      })()`);
      expect(drawn.log.slice(0, 2)).toEqual(['ui/initialize', 'ui/notifications/initialized']);
      expect(drawn.log).toContain('ui/notifications/size-changed');
      expect(drawn.title).toBe('Resting heart rate (beats per minute)');
      expect(drawn.points).toHaveLength(3);
      expect(Math.min(...drawn.points)).toBeGreaterThanOrEqual(8);
      for (const [color, fill] of drawn.legend) expect(fill).toBe(color);
      expect(drawn.minFont).toBeGreaterThanOrEqual(11);
      expect(drawn.overflow).toBe(false);
      writeFileSync(join(OUTPUT, 'trend-chart-app-390.png'), await browser.screenshot({ viewportOnly: true }));
    } finally {
      await browser.close();
    }
  }, 120_000);
});

/**
 * `serve --http` at a terminal prints a banner a person can act on (the /mcp URL, the line that
 * adds it to Claude Code, the token named by its variable and never printed, where logs go) and
 * no JSON log lines; piped, it keeps the `listening on` line scripts wait for and the JSON logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, startCli } from './cli-helpers.js';
import { hasScript, runInTerminal } from './support/terminal.js';

const AUTH_TOKEN = 'serve-banner-e2e-token-5c0ffee1d2';

const waitFor = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

if (!hasScript) console.log('serve-banner terminal e2e skipped: util-linux `script` (a pseudo terminal) is not installed');

describe('serve --http start-up output', () => {
  const home = mkdtempSync(join(tmpdir(), 'wearables-banner-'));
  const env = { WEARABLES_MCP_HOME: home, AUTH_TOKEN };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.skipIf(!hasScript)('prints a human banner on a terminal', async () => {
    assertBuilt();
    const server = runInTerminal(['serve', '--http', '--port', '0'], env);
    try {
      await waitFor(() => server.output().includes('Ctrl-C to stop.'), 30_000, 'the banner');
      const text = server.output().replaceAll('\r', '');
      const url = /^wearables-mcp \S+ listening on (http:\/\/127\.0\.0\.1:\d+)\/mcp$/m.exec(text)?.[1];
      expect(url, text).toBeDefined();
      expect(text).toContain(`  Claude Code  claude mcp add --transport http wearables ${url}/mcp --header "Authorization: Bearer $AUTH_TOKEN"\n`);
      expect(text).toMatch(/^ {2}auth {9}Authorization: Bearer \$AUTH_TOKEN on every MCP request$/m);
      expect(text).toContain(`  logs         ${join(home, 'logs')} (warnings also here)\n`);
      expect(text).not.toContain('"level"');
      expect(text).not.toContain(AUTH_TOKEN);
      const health = await fetch(`${url}/health`, { headers: { Authorization: `Bearer ${AUTH_TOKEN}` } });
      expect(health.status).toBe(200);
    } finally {
      server.kill();
      await server.done;
    }
  }, 60_000);

  it('keeps the listening line and the JSON log lines when piped', async () => {
    assertBuilt();
    const server = startCli(['serve', '--http', '--port', '0'], env);
    try {
      await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+ \(MCP at \/mcp/.test(server.stderr()), 30_000, 'the listening line');
      expect(server.stderr()).toMatch(/^\{.*"msg":"serving MCP over HTTP"/m);
      expect(server.stderr()).not.toContain('Claude Code');
    } finally {
      server.kill('SIGTERM');
      await server.done;
    }
  }, 60_000);
});

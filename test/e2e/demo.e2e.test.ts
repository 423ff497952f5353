/**
 * The main job, as a user runs it from a fresh clone: `wearables-mcp demo` starts the simulator,
 * connects Oura, WHOOP and Withings through their OAuth flows, syncs into the demo directory
 * (never the real one) and prints a week joined across devices plus the MCP client lines.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './cli-helpers.js';

describe('wearables-mcp demo', () => {
  const home = mkdtempSync(join(tmpdir(), 'wearables-demo-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('syncs three simulated devices into <home>/demo and answers with a cross-device week', async () => {
    assertBuilt();
    const result = await runCli(['demo', '--days', '30', '--json'], { WEARABLES_MCP_HOME: home, LOG_FILE: '' }, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      home: string;
      sync: { results: Array<{ provider: string; status: string; counts: Record<string, { created: number }> }> };
      last_7_days: Array<{ day: string; metrics: Record<string, { value: number; source: string }> }>;
      mcp: { claude_code: string };
    };
    expect(output.home).toBe(join(home, 'demo'));
    expect(existsSync(join(home, 'wearables.db'))).toBe(false);
    expect(output.sync.results.map((run) => [run.provider, run.status])).toEqual([
      ['oura', 'ok'],
      ['whoop', 'ok'],
      ['withings', 'ok'],
    ]);
    for (const run of output.sync.results) {
      expect(Object.values(run.counts).reduce((sum, counts) => sum + counts.created, 0)).toBeGreaterThan(30);
    }
    expect(output.last_7_days.length).toBeGreaterThanOrEqual(6);
    const sources = new Set(output.last_7_days.flatMap((day) => Object.values(day.metrics).map((metric) => metric.source)));
    expect([...sources].sort()).toEqual(['oura', 'whoop', 'withings']);
    // The command a user runs, never `node <absolute path>` of this checkout.
    expect(output.mcp.claude_code).toMatch(/^claude mcp add wearables-demo -- (npx -y )?wearables-mcp serve --demo$/);
  });

  it('tells it in a few lines: the story, the week, the client lines (a 50-row screen holds it all)', async () => {
    const result = await runCli(['demo', '--days', '30'], { WEARABLES_MCP_HOME: home, LOG_FILE: '' }, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Simulator started at http:\/\/127\.0\.0\.1:\d+\.\nConnected 3 devices through their OAuth flows: \w+, \w+, \w+\.\n$/);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Synced 30 days from 3 devices: [\d,]+ records and [\d,]+ samples in \d+\.\d s \(\d+ requests\)\.$/);
    expect(result.stdout).toMatch(/^Last 7 days across devices/m);
    expect(result.stdout).toMatch(/^ {2}Claude Code: {4}claude mcp add wearables-demo -- (npx -y )?wearables-mcp serve --demo$/m);
    expect(result.stdout).not.toContain(home.split('/').slice(0, -1).join('/') || home);
    expect(result.stdout).not.toMatch(/^synced \w+\//m);
    expect(lines.length + result.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(30);

    const verbose = await runCli(['demo', '--days', '30', '--verbose'], { WEARABLES_MCP_HOME: home, LOG_FILE: '' }, { timeoutMs: 120_000 });
    expect(verbose.stdout).toContain(`Data directory: ${join(home, 'demo')}`);
    expect(verbose.stdout).toMatch(/^ {2}total +[\d,]+/m);
  }, 240_000);
});

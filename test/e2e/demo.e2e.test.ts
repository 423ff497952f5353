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
    expect(output.mcp.claude_code).toMatch(/^claude mcp add wearables-demo -- node \S+wearables-mcp\.js serve --demo$/);
  });
});

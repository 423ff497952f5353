/**
 * `wearables-mcp simulate` prints the variables that point wearables-mcp at it for every
 * simulated provider (read from the registry), with the connect line of each.
 */
import { describe, expect, it } from 'vitest';
import { envPrefix } from '../../src/providers/provider-module.js';
import { PROVIDER_MODULES } from '../../src/providers/registry.js';
import { assertBuilt, startCli } from './cli-helpers.js';

describe('simulate', () => {
  it('prints the base URLs and client of every simulated provider', async () => {
    assertBuilt();
    const cli = startCli(['simulate', '--port', '0'], { LOG_FILE: '' });
    let stdout: string;
    try {
      const deadline = Date.now() + 20_000;
      const output = () => cli.stdoutSoFar();
      while (!output().includes('--token')) {
        if (Date.now() > deadline) throw new Error(`simulate printed no variables: ${cli.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      stdout = output();
    } finally {
      cli.kill('SIGINT');
      await cli.done;
    }
    const simulated = PROVIDER_MODULES.filter((module) => module.demo);
    expect(simulated.length).toBeGreaterThan(0);
    for (const module of simulated) {
      const prefix = envPrefix(module.id);
      expect(stdout).toMatch(new RegExp(`^ {2}export ${prefix}_API_BASE_URL=http://127\\.0\\.0\\.1:\\d+/\\S*$`, 'm'));
      expect(stdout).toMatch(new RegExp(`^ {2}export ${prefix}_AUTH_BASE_URL=http://127\\.0\\.0\\.1:\\d+\\S*$`, 'm'));
      expect(stdout).toContain(`${prefix}_CLIENT_ID=`);
      expect(stdout).toMatch(new RegExp(`^ {2}wearables-mcp connect ${module.id} `, 'm'));
    }
  }, 40_000);
});

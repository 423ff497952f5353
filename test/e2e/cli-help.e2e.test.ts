/**
 * Every command's `--help`, through the built CLI: the global flags (`--json`, `--demo`,
 * `--home`, ...) are listed, and examples end it, each one a command of this CLI.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS } from '../../src/cli/command-table.js';
import { assertBuilt, runCli } from './cli-helpers.js';

describe('help', () => {
  it.each(Object.keys(COMMAND_LOADERS))('%s --help shows the global flags and examples', async (command) => {
    assertBuilt();
    const result = await runCli([command, '--help'], {});
    expect(result.code, result.stderr).toBe(0);
    const help = result.stdout;
    expect(help).toContain(`Usage: wearables-mcp ${command}`);
    for (const flag of ['--json', '--demo', '--home <dir>', '--log-level <level>', '--config <file>']) expect(help, `${command}: ${flag}`).toContain(`  ${flag}`);
    const examples = help.slice(help.indexOf('\nExamples:\n'));
    expect(help.includes('\nExamples:\n'), command).toBe(true);
    const lines = examples.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes(`wearables-mcp ${command}`) || line.includes(`wearables-mcp --demo ${command}`))).toBe(true);
    // The examples fit a 100-column terminal (a provider's own setup lines in `connect` may be longer).
    expect(examples.split('\n').every((line) => line.length <= 100), command).toBe(true);
  });

  it('the top-level help ends with a first step and where settings come from', async () => {
    const result = await runCli(['--help'], {});
    expect(result.stdout).toMatch(/Examples:\n {2}wearables-mcp demo +# try it on the built-in simulator/);
    expect(result.stdout).toContain('./.env or <home>/.env');
  });
});

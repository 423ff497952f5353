/**
 * The client line names what a user runs: `wearables-mcp` when the name on the PATH is the
 * running program (a link to it, as npm installs bins), `npx -y wearables-mcp` otherwise; never
 * the absolute path of a checkout.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientCommand, commandLine } from '../../src/cli/client-command.js';

describe('client command', () => {
  const root = mkdtempSync(join(tmpdir(), 'wearables-client-command-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const script = join(root, 'lib', 'node_modules', 'wearables-mcp', 'dist', 'bin', 'wearables-mcp.js');
  mkdirSync(join(root, 'lib', 'node_modules', 'wearables-mcp', 'dist', 'bin'), { recursive: true });
  writeFileSync(script, '#!/usr/bin/env node\n');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  symlinkSync(script, join(bin, 'wearables-mcp'));

  it('uses the installed name when it links to the running script', () => {
    const command = clientCommand({ script: join(bin, 'wearables-mcp'), pathEnv: `/nowhere:${bin}`, platform: 'linux' }, ['serve', '--demo']);
    expect(command).toEqual({ command: 'wearables-mcp', args: ['serve', '--demo'] });
    expect(commandLine(command)).toBe('wearables-mcp serve --demo');
  });

  it('falls back to npx -y when the name on the PATH is another program or missing', () => {
    const checkout = join(root, 'checkout', 'dist', 'bin', 'wearables-mcp.js');
    for (const pathEnv of [bin, '', undefined]) {
      const command = clientCommand({ script: checkout, pathEnv, platform: 'linux' }, ['serve', '--demo']);
      expect(commandLine(command)).toBe('npx -y wearables-mcp serve --demo');
      expect(commandLine(command)).not.toContain(root);
    }
  });
});

/** The lazy command table: the right command is found behind global options, help lists all. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, commandWord, registerCommands } from '../../src/cli/command-table.js';

describe('command table', () => {
  it('finds the command word after global options and their values', () => {
    expect(commandWord(['--json', 'sync', 'oura'])).toBe('sync');
    expect(commandWord(['--home', '/tmp/x', '--log-level', 'debug', 'serve', '--http'])).toBe('serve');
    expect(commandWord(['--home', 'serve'])).toBeUndefined();
    expect(commandWord(['--help'])).toBeUndefined();
  });

  it('registers only the command being run, and every command for help', async () => {
    const one = new Command();
    await registerCommands(one, ['serve']);
    expect(one.commands.map((command) => command.name())).toEqual(['serve']);

    const all = new Command();
    await registerCommands(all, ['--help']);
    const names = all.commands.map((command) => command.name());
    for (const word of Object.keys(COMMAND_LOADERS)) expect(names).toContain(word);
    expect(new Set(names).size).toBe(names.length);
  });
});

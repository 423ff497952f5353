/** `wearables-mcp purge`: deletes every file the server wrote, after confirmation. */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';
import { configFor, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand } from './run-command.js';

/** Registers `purge`. */
export function registerPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description('Delete the cache, tokens, key, logs and config: every file wearables-mcp wrote')
    .option('--yes', 'do not ask for confirmation')
    .action(async (options: { yes?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        // With --demo only the demo data directory (<home>/demo) goes; without, everything (the demo's too).
        const config = configFor(global);
        const home = config.home;
        if (!options.yes) {
          if (!process.stdin.isTTY) {
            throw new WearablesError('VALIDATION_ERROR', 'purge needs confirmation.', { hint: 'Rerun with --yes to delete without asking.' });
          }
          const readline = createInterface({ input: process.stdin, output: process.stderr });
          const answer = await readline.question(`Delete everything in ${home} (cache, tokens, logs, demo data)? Type "yes": `);
          readline.close();
          if (answer.trim().toLowerCase() !== 'yes') {
            printResult({ json }, { ok: false, deleted: false }, () => 'Nothing deleted.');
            return;
          }
        }
        const deleted = deleteOwnFiles(home);
        printResult({ json }, { ok: true, home, deleted }, () =>
          deleted.length > 0 ? `Deleted from ${home}:\n${deleted.map((name) => `  ${name}`).join('\n')}` : `Nothing to delete at ${home}.`,
        );
      });
    });
}

/**
 * Only names this program writes are removed (never the whole directory blindly: a user may have
 * pointed WEARABLES_MCP_HOME at a folder that holds other files). The folder goes if left empty.
 */
const OWN_ENTRIES = [
  'wearables.db', 'wearables.db-wal', 'wearables.db-shm', 'wearables.db-journal',
  'tokens.json', 'tokens.json.lock', '.encryption-key', 'logs', 'demo', 'config.json', 'exports',
];

function deleteOwnFiles(home: string): string[] {
  if (!existsSync(home)) return [];
  const present = new Set(readdirSync(home));
  const deleted: string[] = [];
  for (const name of OWN_ENTRIES) {
    if (!present.has(name)) continue;
    rmSync(join(home, name), { recursive: true, force: true });
    deleted.push(name);
  }
  for (const name of present) {
    // Temp files of atomic writes, and the per-provider sync lock files.
    if (/^(tokens\.json|wearables\.db).*\.tmp$/.test(name) || /^sync-[a-z]+\.lock$/.test(name)) {
      rmSync(join(home, name), { recursive: true, force: true });
      deleted.push(name);
    }
  }
  if (readdirSync(home).length === 0) rmdirSync(home);
  return deleted;
}

/** `wearables-mcp migrate --to <DATABASE_URL>`: the local home into an account of another database. */
import type { Command } from 'commander';
import { isExplicitLogFile } from '../logging/log-file.js';
import { createLogger } from '../logging/logger.js';
import type { MigrateProgress, MigrateResult } from '../app/migrate-home.js';
import { WearablesError } from '../core/errors.js';
import { configFor, type GlobalOptions } from './options.js';
import { EXIT_CODES, printResult } from './output.js';
import { runCommand } from './run-command.js';

/** Registers `migrate`. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Copy the local home (records, samples, events, coverage, cursors, sync runs, connections) into an account of a PostgreSQL database, verified')
    .requiredOption('--to <database-url>', 'the target: postgres://user@host:5432/db (or sqlite:<file> for another SQLite file)')
    .option('--account <id>', 'the target account id (default: a new generated id, printed)')
    .action(async (options: { to: string; account?: string }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const config = configFor(global);
        const logger = await createLogger({ level: config.logLevel, file: config.logFile, fileRequired: isExplicitLogFile(config), stderrLevel: 'warn' });
        const { migrateHome } = await import('../app/migrate-home.js');
        const result = await migrateHome({
          config,
          to: options.to,
          ...(options.account === undefined ? {} : { accountId: options.account }),
          logger,
          onProgress: progressPrinter(),
        });
        logger.flush?.();
        printResult({ json }, serializeMigrate(result), () => formatMigrate(result));
        if (!result.ok) {
          const failure = new WearablesError('CACHE_ERROR', 'The copy differs from the home; the target account is left marked incomplete.', {
            hint: 'Run the same migrate again (it starts the account over); if it differs again, report the lines marked DIFFERENT.',
          });
          if (!json) process.stderr.write(`Error (${failure.code}): ${failure.message}\n  Next: ${failure.hint}\n`);
          process.exitCode = EXIT_CODES.CACHE_ERROR;
        }
      });
    });
}

/** Progress lines on stderr: each phase once, copy counts at most every 2 s. */
function progressPrinter(): (progress: MigrateProgress) => void {
  let lastPhase: string | undefined;
  let lastAt = 0;
  return (progress) => {
    const line = (text: string) => process.stderr.write(`${text}\n`);
    if (progress.message) line(progress.message);
    const phaseChanged = progress.phase !== lastPhase;
    lastPhase = progress.phase;
    if (progress.phase === 'tokens' && phaseChanged) line('Re-encrypting provider connections for the target…');
    if (progress.phase === 'copy' && (phaseChanged || Date.now() - lastAt > 2_000)) {
      lastAt = Date.now();
      const { records, samples, events } = progress.counts;
      line(`Copying: ${records.toLocaleString('en-US')} records, ${samples.toLocaleString('en-US')} samples, ${events.toLocaleString('en-US')} events`);
    }
    if (progress.phase === 'verify' && phaseChanged) line('Verifying: comparing both stores…');
  };
}

export function serializeMigrate(result: MigrateResult) {
  return {
    ok: result.ok,
    account: result.accountId,
    target: result.target,
    restarted: result.restarted,
    counts: result.counts,
    connections: result.connections,
    verified: result.ok,
    differences: result.comparison.differences,
    ...(result.connectionDifferences.length > 0 ? { connection_differences: result.connectionDifferences } : {}),
    comparison: result.comparison.rows,
  };
}

export function formatMigrate(result: MigrateResult): string {
  const width = Math.max(...result.comparison.rows.map((row) => row.what.length), 10);
  const lines = [
    `${result.ok ? 'Migrated' : 'Copied (NOT verified)'} into account ${result.accountId} at ${result.target}${result.restarted ? ' (an interrupted migrate was started over)' : ''}`,
    `  ${result.counts.records} records, ${result.counts.samples} samples, ${result.counts.events} events, ${result.counts.coverage} coverage intervals, ${result.counts.cursors} cursors, ${result.counts.syncRuns} sync runs, ${result.connections.length} connections (${result.connections.join(', ') || 'none'})`,
    '',
    `  ${'compared'.padEnd(width)}  ${'home'.padEnd(22)}  ${'target'.padEnd(22)}`,
    ...result.comparison.rows.map((row) => `  ${row.what.padEnd(width)}  ${row.source.padEnd(22)}  ${row.target.padEnd(22)}  ${row.same ? 'same' : 'DIFFERENT'}`),
  ];
  for (const provider of result.connectionDifferences) lines.push(`  connection ${provider}: DIFFERENT (missing or not decryptable in the target)`);
  if (result.ok) lines.push('', `Serve it with DATABASE_URL set to the target and the same WEARABLES_MCP_ENCRYPTION_KEY; the home is unchanged.`);
  return lines.join('\n');
}

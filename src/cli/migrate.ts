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
    if (progress.phase === 'verify' && phaseChanged) {
      const { records, samples, events } = progress.counts;
      line(`Copied: ${records.toLocaleString('en-US')} records, ${samples.toLocaleString('en-US')} samples, ${events.toLocaleString('en-US')} events. Verifying: comparing both stores…`);
    }
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
    identities: result.identities,
    verified: result.ok,
    differences: result.comparison.differences,
    ...(result.connectionDifferences.length > 0 ? { connection_differences: result.connectionDifferences } : {}),
    comparison: result.comparison.rows,
  };
}

/** Groups of compared rows (records, samples, cursor, checks, ...), by the first word. */
function groups(result: MigrateResult): Array<{ kind: string; parts: number; rows: number; same: boolean }> {
  const byKind = new Map<string, { kind: string; parts: number; rows: number; same: boolean }>();
  for (const row of result.comparison.rows) {
    const kind = row.what.startsWith('sync runs') ? 'sync runs' : (row.what.split(' ')[0] as string);
    const entry = byKind.get(kind) ?? { kind, parts: 0, rows: 0, same: true };
    entry.parts++;
    entry.rows += Number(/^\d+/.exec(row.source)?.[0] ?? (row.source === 'none' ? 0 : 1));
    entry.same &&= row.same;
    byKind.set(kind, entry);
  }
  return [...byKind.values()];
}

export function formatMigrate(result: MigrateResult): string {
  const counts = result.counts;
  const lines = [
    `${result.ok ? 'Migrated' : 'Copied but NOT verified:'} the home into account ${result.accountId} at ${result.target}${result.restarted ? ' (an interrupted migrate was started over)' : ''}`,
    `  ${counts.records} records, ${counts.samples} samples, ${counts.events} events, ${counts.coverage} coverage intervals, ${counts.checks} checks, ${counts.cursors} cursors, ${counts.syncRuns} sync runs`,
    `  connections: ${result.connections.join(', ') || 'none'} (re-encrypted with the environment's key)${result.identities.length > 0 ? `; identities linked: ${result.identities.join(', ')}` : ''}`,
    '',
    'Compared (home vs target, content digests):',
    ...groups(result).map((group) => `  ${group.kind.padEnd(10)} ${String(group.parts).padStart(4)} ${group.kind === 'events' || group.kind === 'sync runs' ? 'feed ' : 'parts'}  ${String(group.rows).padStart(8)} rows  ${group.same ? 'same' : 'DIFFERENT'}`),
  ];
  const differences = result.comparison.rows.filter((row) => !row.same);
  if (differences.length > 0) {
    lines.push('', 'Differences:');
    for (const row of differences) lines.push(`  ${row.what}: home ${row.source}, target ${row.target}`);
  }
  for (const provider of result.connectionDifferences) lines.push(`  connection ${provider}: missing or not decryptable in the target`);
  if (result.ok) {
    lines.push(
      '',
      result.accountId === 'local'
        ? 'Serve it with DATABASE_URL set to the target and the same WEARABLES_MCP_ENCRYPTION_KEY. The home is unchanged.'
        : `The local modes with DATABASE_URL serve the account "local" (migrate with --account local for that); this account is for the hosted server. The home is unchanged.`,
    );
  }
  return lines.join('\n');
}

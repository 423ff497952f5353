/** `wearables-mcp sync [provider] [--full] [--since YYYY-MM-DD]`. */
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import type { ProviderId } from '../core/types.js';
import { WearablesError } from '../core/errors.js';
import type { SyncReport } from '../sync/sync-service.js';
import { parseDay, parseProvider, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { createProgressDisplay } from './progress.js';
import { runCommand, withCommandContext } from './run-command.js';
import { EXIT_CODES } from './output.js';
import { formatSyncSummary, seriesLookup } from './sync-summary.js';

/** Registers `sync`. */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Mirror provider data into the local cache (incremental by default)')
    .argument('[provider]', 'only this provider (default: every connected provider)')
    .option('--full', "backfill the whole history from the account's first day (resumes an interrupted one)")
    .option('--since <date>', "start day (YYYY-MM-DD) for this run; clamped to the provider's history start")
    .option('--resources <list>', 'comma-separated resource names (default: all)')
    .option('--verbose', 'also list every resource with its counts')
    .action(async (providerArgument: string | undefined, options: { full?: boolean; since?: string; resources?: string; verbose?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const providers = providerArgument ? [parseProvider(providerArgument)] : undefined;
        const since = options.since ? parseDay(options.since, '--since') : undefined;
        const resources = options.resources ? options.resources.split(',').map((name) => name.trim()) : undefined;
        await withCommandContext(global, async (context) => {
          const started = Date.now();
          const display = createProgressDisplay({ quiet: json, plan: json ? [] : await progressPlan(context, providers, resources) });
          const interrupt = interruptOnSignals();
          let report: SyncReport;
          try {
            report = await context.sync.sync({
              signal: interrupt.signal,
              ...(providers ? { providers } : {}),
              ...(since ? { since } : {}),
              ...(options.full ? { full: true } : {}),
              ...(resources ? { resources } : {}),
              onProgress: (progress) => display.update(progress),
              onWait: (wait) => display.waiting(wait),
            });
          } finally {
            display.stop();
            interrupt.dispose();
          }
          // The change feed's retention: at most once a day, cheap when nothing is due.
          if (!interrupt.signal.aborted) await context.compactFeedIfDue();
          const summary = () => formatSyncSummary(report, { elapsedMs: Date.now() - started, isSeries: seriesLookup(context.providers) });
          printResult({ json }, { ok: report.results.every((result) => result.status === 'ok'), ...serializeReport(report) }, () =>
            options.verbose ? `${formatReport(report)}\n\n${summary()}` : summary(),
          );
          const failed = report.results.find((result) => result.error);
          if (failed?.error) process.exitCode = EXIT_CODES[failed.error.code];
          if (interrupt.signal.aborted) process.exitCode = INTERRUPTED_EXIT_CODE;
        });
      });
    });
}

/** The progress lines to show from the start: the connected providers asked for, with their resource counts. */
async function progressPlan(context: AppContext, providers: readonly ProviderId[] | undefined, resources: readonly string[] | undefined) {
  const plan: Array<{ provider: string; resources: number }> = [];
  for (const [id, provider] of context.providers) {
    if (providers && !providers.includes(id)) continue;
    const count = provider.resources.filter((spec) => !resources || resources.includes(spec.name)).length;
    // The plan only lays out the lines: a token file that cannot be read is the sync's to report.
    const connected = count > 0 && (await context.tokens.status(id).then((status) => status.connected, () => false));
    if (connected) plan.push({ provider: id, resources: count });
  }
  return plan;
}

/** Exit code of a sync stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * The first SIGINT/SIGTERM aborts the running sync: each provider stops after the chunk in flight,
 * keeps what it stored (cursors only past stored chunks), records its audit row and releases its
 * lock, so the next sync continues. A second signal exits at once (the lock is then taken over
 * by the next sync, its owner being dead).
 */
function interruptOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    process.stderr.write(`\nStopping after the current request (${name}); what was stored is kept. Press Ctrl-C again to quit at once.\n`);
    controller.abort(new WearablesError('SYNC_ERROR', `Sync interrupted (${name}); what was stored is kept.`, { hint: 'Run `wearables-mcp sync` again to continue.', isRetryable: true }));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** JSON-safe report (errors as `{ code, message, hint }`). */
export function serializeReport(report: SyncReport) {
  return {
    results: report.results.map((result) => ({
      provider: result.provider,
      run_id: result.runId,
      status: result.status,
      counts: result.counts,
      ...(result.error ? { error: result.error.toJSON() } : {}),
      ...(result.notices ? { notices: result.notices } : {}),
    })),
  };
}

/** Human-readable per-resource counts (sync --verbose). */
export function formatReport(report: SyncReport): string {
  if (report.results.length === 0) return 'Nothing to sync: no provider is connected. Run `wearables-mcp connect <provider>` first.';
  const lines: string[] = [];
  for (const result of report.results) {
    lines.push(`${result.provider}: ${result.status}`);
    for (const notice of result.notices ?? []) lines.push(`  note: ${notice}`);
    for (const [resource, counts] of Object.entries(result.counts)) {
      lines.push(
        `  ${resource.padEnd(26)} fetched ${String(counts.fetched).padStart(6)}  new ${String(counts.created).padStart(5)}  changed ${String(counts.updated).padStart(4)}  deleted ${String(counts.deleted).padStart(3)}`,
      );
    }
    if (result.error) lines.push(`  error ${result.error.code}: ${result.error.message}${result.error.hint ? ` Next: ${result.error.hint}` : ''}`);
  }
  return lines.join('\n');
}

/** `wearables-mcp import <provider> <file>`: a file-source provider's export into the cache. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';
import type { ImportFileResult } from '../sync/sync-service.js';
import { configFor, parseProvider, type GlobalOptions } from './options.js';
import { EXIT_CODES, printResult } from './output.js';
import { createProgressDisplay } from './progress.js';
import { runCommand, withContext } from './run-command.js';

/** Registers `import`. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description("Import a provider's export file into the local cache (a re-import adds only what is new)")
    .argument('<provider>', 'a provider whose data comes from a file')
    .argument('<file>', 'the export file (for example export.zip)')
    .action(async (providerArgument: string, file: string) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const provider = parseProvider(providerArgument);
        const path = resolve(file);
        const found = await stat(path).catch(() => null);
        if (!found?.isFile()) {
          throw new WearablesError('NOT_FOUND', `No export file at ${path}.`, { hint: 'Pass the path of the export file (for example ~/Downloads/export.zip).' });
        }
        await withContext(configFor(global), async (context) => {
          const display = createProgressDisplay({ quiet: json });
          const controller = new AbortController();
          const onSignal = () => controller.abort(new WearablesError('SYNC_ERROR', 'Import interrupted; what was stored is kept.', { hint: 'Run the import again: it adds only what is missing.', isRetryable: true }));
          process.once('SIGINT', onSignal);
          let result: ImportFileResult;
          try {
            let shown = 0;
            result = await context.sync.importFile({
              provider,
              // The user's own path, from their shell: the CLI reads it as given (the tool confines).
              path,
              signal: controller.signal,
              onProgress: (progress) => {
                if (progress.records + progress.samples - shown < 50_000) return;
                shown = progress.records + progress.samples;
                display.notice(`${progress.provider}: ${progress.records.toLocaleString('en-US')} records, ${progress.samples.toLocaleString('en-US')} samples read`);
              },
              onWait: (wait) => display.notice(wait.message),
            });
          } finally {
            display.stop();
            process.off('SIGINT', onSignal);
          }
          printResult({ json }, serializeImport(result), () => formatImport(result));
          if (result.error) process.exitCode = EXIT_CODES[result.error.code];
        });
      });
    });
}

/** JSON-safe result (the error as `{ code, message, hint }`). */
export function serializeImport(result: ImportFileResult) {
  return {
    ok: result.status === 'ok',
    provider: result.provider,
    run_id: result.runId,
    status: result.status,
    counts: result.counts,
    ...(result.error ? { error: result.error.toJSON() } : {}),
  };
}

/** Per-resource counts, as `sync` prints them. */
export function formatImport(result: ImportFileResult): string {
  const lines = [`${result.provider}: ${result.status}`];
  for (const [resource, counts] of Object.entries(result.counts)) {
    lines.push(`  ${resource.padEnd(26)} read ${String(counts.fetched).padStart(8)}  new ${String(counts.created).padStart(7)}  changed ${String(counts.updated).padStart(5)}  unchanged ${String(counts.unchanged).padStart(8)}`);
  }
  if (result.error) lines.push(`  error ${result.error.code}: ${result.error.message}${result.error.hint ? ` Next: ${result.error.hint}` : ''}`);
  return lines.join('\n');
}

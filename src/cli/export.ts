/** `wearables-mcp export --kind <resource|all> --format <csv|jsonl|parquet|fhir> --out <path>`. */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';
import { exportData } from '../export/export-data.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportProgress, type ExportResult } from '../export/export-types.js';
import { homeFilesOf } from '../export/home-files.js';
import { resolveRootedPath } from '../export/rooted-path.js';
import { parseDay, parseProvider, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand, withCommandContext } from './run-command.js';

interface ExportFlags {
  provider?: string;
  kind: string;
  format: string;
  out: string;
  start?: string;
  end?: string;
  overwrite?: boolean;
  root?: string;
}

/** Registers `export`. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write cached data to CSV, JSONL, Parquet or a FHIR R4 Bundle (reads the local cache only)')
    .requiredOption('--kind <resource>', 'resource name (sleep, daily_activity, heartrate, ...) or "all" (one file per resource)')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .requiredOption('--out <path>', 'output file (a directory for --kind all); relative to the export root with --root')
    .option('--root <name>', 'write under an export root: "exports" (<home>/exports) or a configured WEARABLES_MCP_EXPORT_ROOTS folder')
    .option('--provider <provider>', 'provider (needed when several have the resource)')
    .option('--start <date>', 'first local day, YYYY-MM-DD (inclusive)')
    .option('--end <date>', 'last local day, YYYY-MM-DD (inclusive)')
    .option('--overwrite', 'replace existing files')
    .action(async (flags: ExportFlags) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const format = parseFormat(flags.format);
        const provider = flags.provider ? parseProvider(flags.provider) : undefined;
        const start = flags.start ? parseDay(flags.start, '--start') : undefined;
        const end = flags.end ? parseDay(flags.end, '--end') : undefined;
        await withCommandContext(global, async (context) => {
          // The user's own paths are trusted (never the home's own files); --root confines like the tool.
          const out = flags.root ? (await resolveRootedPath(context.config, flags.root, flags.out, flags.kind)).out : flags.out;
          const display = createExportProgress(json);
          let result: ExportResult;
          try {
            result = await exportData({
              store: context.store,
              providers: context.providers,
              kind: flags.kind,
              format,
              out,
              homeFiles: homeFilesOf(context.config),
              ...(provider ? { provider } : {}),
              ...(start ? { start } : {}),
              ...(end ? { end } : {}),
              ...(flags.overwrite ? { overwrite: true } : {}),
              now: () => context.now(),
              onProgress: (progress) => display.update(progress),
            });
          } finally {
            display.stop();
          }
          printResult({ json }, { ok: true, files: result.files }, () => formatResult(result));
        });
      });
    });
}

function parseFormat(value: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  throw new WearablesError('VALIDATION_ERROR', `Unknown format "${value}".`, { hint: `Use one of: ${EXPORT_FORMATS.join(', ')}.` });
}

/** Human-readable list of the files written. */
export function formatResult(result: ExportResult): string {
  if (result.files.length === 0) return 'Nothing to export.';
  return result.files.map((file) => `${file.path}  ${file.rows} rows  ${formatBytes(file.bytes)}`).join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A bar per file on a terminal, nothing otherwise (the result lists the files); silent with --json. */
function createExportProgress(quiet: boolean): { update(progress: ExportProgress): void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  return {
    update(progress) {
      if (current !== progress.path) {
        if (current) bar.stop();
        bar.start(progress.total, progress.rows, { label: `${progress.provider}/${progress.resource}` });
        current = progress.path;
      } else {
        bar.update(progress.rows);
      }
    },
    stop() {
      if (current) bar.stop();
    },
  };
}

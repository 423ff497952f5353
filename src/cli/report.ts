/**
 * `wearables-mcp report [--days N] [--end YYYY-MM-DD] [--out report.html]`: writes the
 * self-contained HTML dashboard (inline SVG charts, no script, no CDN) from the local cache.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';
import { assertWritable, writeAtomically } from '../export/atomic-file.js';
import { assertNotHomeFile, homeFilesOf } from '../export/home-files.js';
import { buildReport } from '../report/build-report.js';
import { localDayOf, SERVER_ZONE } from '../core/time/zones.js';
import { parseDay, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand, withCommandContext } from './run-command.js';

interface ReportFlags {
  days: string;
  end?: string;
  out: string;
  overwrite?: boolean;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 7 || days > 366) {
    throw new WearablesError('VALIDATION_ERROR', '--days must be a whole number from 7 to 366.', { hint: 'For example --days 30.' });
  }
  return days;
}

/** Registers `report`. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write a self-contained HTML dashboard (sleep, HRV, resting HR, readiness/recovery, activity, weight, blood pressure, insights) from the local cache')
    .option('--days <n>', 'days to show, ending on --end', '30')
    .option('--end <date>', 'last local day, YYYY-MM-DD (default today)')
    .option('--out <path>', 'output file (an existing one is refused without --overwrite)', 'report.html')
    .option('--overwrite', 'replace the output file if it exists')
    .action(async (flags: ReportFlags) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const days = parseDays(flags.days);
        const end = flags.end ? parseDay(flags.end, '--end') : undefined;
        const out = resolve(flags.out);
        const overwrite = flags.overwrite === true;
        await withCommandContext(global, async (context) => {
          await assertNotHomeFile(out, homeFilesOf(context.config), out);
          assertWritable(out, overwrite);
          const report = await buildReport({ store: context.store, endDay: end ?? localDayOf(context.now(), SERVER_ZONE), days, generatedAt: context.now() });
          // 0600: the report holds health data; `wx` never opens an existing file or follows a link.
          // A file-system failure reaches the CLI boundary as it is: FILE_ERROR naming the folder to fix.
          const bytes = await writeAtomically(out, overwrite, (temp) => writeFile(temp, report.html, { encoding: 'utf8', mode: 0o600, flag: 'wx' }));
          const summary = { ok: true, out, bytes, status: report.insights.status, charts: report.charts, message: report.insights.message };
          printResult({ json }, summary, () => `Wrote ${out} (${bytes} bytes, ${Object.keys(report.charts).length} charts with data).\n${report.insights.message}`);
        });
      });
    });
}

/**
 * `wearables-mcp demo`: the main job on the built-in simulator. Starts it in-process, connects
 * through the real OAuth + PKCE flow, syncs 90 days into the demo data directory, and tells it in
 * a few lines (fits a 50-row screen): the story, the last 7 days across devices and the lines that
 * add the demo server to Claude Code and Claude Desktop; details behind --verbose.
 */
import type { Command } from 'commander';
import { loadDailyView, type CanonicalDay } from '../analysis/daily-view.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import { localDayOf, SERVER_ZONE } from '../core/time/zones.js';
import { addDays } from '../core/time/days.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { createProgressDisplay } from './progress.js';
import { runCommand, withContext } from './run-command.js';
import { connectDemoProviders, startDemoEnvironment, type DemoEnvironment } from './demo-environment.js';
import { formatReport, serializeReport } from './sync.js';
import { formatImport, serializeImport } from './import.js';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SIMULATED_EXPORTS } from '../simulator/exports.js';
import type { SyntheticPerson } from '../simulator/person.js';
import type { ImportFileResult } from '../sync/sync-service.js';
import { WearablesError } from '../core/errors.js';
import type { AppContext } from '../app/app-context.js';
import { clientCommand } from './client-command.js';
import { demoClientConfig, formatClientLines, syncStory } from './demo-story.js';
import { formatSyncSummary, seriesLookup } from './sync-summary.js';

/** Registers `demo`. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Try everything on the built-in simulator: connect, sync 90 days, summarise the last week')
    .option('--days <n>', 'days of history to sync', '90')
    .option('--seed <n>', 'seed of the synthetic person')
    .option('--verbose', 'also show the data directory, the sync per provider and per resource')
    .action(async (options: { days: string; seed?: string; verbose?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 7 || days > 3650) {
          throw new WearablesError('VALIDATION_ERROR', '--days must be a whole number from 7 to 3650.', { hint: 'For example --days 90.' });
        }
        const demo = await startDemoEnvironment(global, { historyDays: days, ...(options.seed ? { seed: Number(options.seed) } : {}) });
        try {
          await withContext(demo.config, (context) => runDemo(context, demo, { json, days, verbose: Boolean(options.verbose) }));
        } finally {
          await demo.close();
        }
      });
    });
}

/**
 * Writes the simulated export of every provider whose data comes from a file (the same person)
 * into `<home>/imports` and imports it through the engine, as a user would.
 */
async function importDemoExports(context: AppContext, person: SyntheticPerson, days: number, announce: boolean): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  for (const module of PROVIDER_MODULES) {
    const simulated = module.capabilities.fileImport ? SIMULATED_EXPORTS[module.id] : undefined;
    if (!simulated) continue;
    const folder = join(context.config.home, 'imports');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, simulated.fileName);
    if (announce) process.stderr.write(`Writing a simulated ${module.displayName} export and importing it ...\n`);
    await simulated.write(path, { person, exportedAt: context.now(), days });
    results.push(await context.sync.importFile({ provider: module.id, path }));
  }
  return results;
}

/** Connects, syncs and prints: a short story, the week across devices, the client lines. */
async function runDemo(context: AppContext, demo: DemoEnvironment, options: { json: boolean; days: number; verbose: boolean }): Promise<void> {
  const say = (line: string) => !options.json && process.stderr.write(`${line}\n`);
  say(`Simulator started at ${demo.simulatorUrl}.`);
  await connectDemoProviders(context, demo.providers);
  const names = demo.providers.map((id) => context.providers.get(id)?.displayName ?? id);
  say(`Connected ${names.length} devices through their OAuth flows: ${names.join(', ')}.`);
  const started = Date.now();
  // Piped, per-resource lines would repeat the table below: only a terminal gets progress.
  const display = createProgressDisplay({
    quiet: options.json || !process.stderr.isTTY,
    plan: demo.providers.map((id) => ({ provider: id, resources: context.providers.get(id)?.resources.length ?? 1 })),
  });
  const report = await context.sync
    .sync({ providers: [...demo.providers], onProgress: (progress) => display.update(progress), onWait: (wait) => display.waiting(wait) })
    .finally(() => display.stop());
  const elapsedMs = Date.now() - started;
  const imported = await importDemoExports(context, demo.person, options.days, options.verbose && !options.json);
  const isSeries = seriesLookup(context.providers);
  const today = localDayOf(context.now(), SERVER_ZONE);
  const week = await loadDailyView(context.store, { startDay: addDays(today, -6), endDay: today });
  const command = clientCommand({ script: process.argv[1], pathEnv: process.env.PATH }, ['serve', '--demo']);
  const details = options.verbose
    ? [`Data directory: ${context.config.home}`, formatReport(report), formatSyncSummary(report, { elapsedMs, isSeries }), '']
    : [];
  printResult(
    { json: options.json },
    { ok: true, home: context.config.home, sync: serializeReport(report), imports: imported.map(serializeImport), last_7_days: week.map(headlines), mcp: demoClientConfig(command) },
    () => [syncStory(report, { days: options.days, elapsedMs, isSeries }), ...imported.map(formatImport), '', ...details, formatWeek(week), '', formatClientLines(command)].join('\n'),
  );
}

/** The columns of the week table: metric, header, width, and how to print the headline value. */
const WEEK_COLUMNS: ReadonlyArray<{ metric: string; header: string; width: number; format: (value: number) => string }> = [
  { metric: 'total_sleep_seconds', header: 'asleep', width: 7, format: (value) => `${(value / 3600).toFixed(1)} h` },
  { metric: 'sleep_score', header: 'sleep', width: 5, format: (value) => String(Math.round(value)) },
  { metric: 'average_hrv_ms', header: 'HRV ms', width: 6, format: (value) => String(Math.round(value)) },
  { metric: 'resting_heart_rate_bpm', header: 'RHR', width: 4, format: (value) => String(Math.round(value)) },
  { metric: 'readiness_score', header: 'ready', width: 5, format: (value) => String(Math.round(value)) },
  { metric: 'recovery_score', header: 'recov', width: 5, format: (value) => String(Math.round(value)) },
  { metric: 'strain', header: 'strain', width: 6, format: (value) => value.toFixed(1) },
  { metric: 'steps', header: 'steps', width: 6, format: (value) => String(Math.round(value)) },
  { metric: 'weight_kg', header: 'kg', width: 5, format: (value) => value.toFixed(1) },
  { metric: 'systolic_mmhg', header: 'BP sys', width: 6, format: (value) => String(Math.round(value)) },
];

/** The headline value and its source per metric of a day (for --json). */
function headlines(day: CanonicalDay) {
  return {
    day: day.day,
    metrics: Object.fromEntries(Object.entries(day.metrics).map(([metric, reading]) => [metric, { value: reading.headline.value, source: reading.headline.provider }])),
  };
}

function formatWeek(week: CanonicalDay[]): string {
  const lines = [
    `Last 7 days across devices (${MARK_LEGEND}: whose value is shown, by precedence):`,
    ['day       ', ...WEEK_COLUMNS.map((column) => column.header.padStart(column.width + 2))].join(' '),
  ];
  for (const day of week) {
    const cells = WEEK_COLUMNS.map((column) => {
      const reading = day.metrics[column.metric];
      const text = reading ? `${column.format(reading.headline.value)} ${SOURCE_MARK.get(reading.headline.provider) ?? '?'}` : '- ';
      return text.padStart(column.width + 2);
    });
    lines.push([day.day, ...cells].join(' '));
  }
  if (week.length === 0) lines.push('(no data in the last 7 days)');
  return lines.join('\n');
}

/** Each demo provider's one-letter mark, as its module declares it. */
const SOURCE_MARK: ReadonlyMap<string, string> = new Map(PROVIDER_MODULES.flatMap((module) => (module.demo ? [[module.id, module.demo.mark] as const] : [])));
const MARK_LEGEND = PROVIDER_MODULES.flatMap((module) => (module.demo ? [`${module.demo.mark} = ${module.displayName}`] : [])).join(', ');

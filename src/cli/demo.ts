/**
 * `wearables-mcp demo`: the main job on the built-in simulator. Starts it in-process, connects
 * through the real OAuth + PKCE flow, syncs 90 days into the demo data directory, prints the last
 * 7 days and the lines that add the demo server to Claude Code and Claude Desktop.
 */
import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import { loadDailyView, type CanonicalDay } from '../analysis/daily-view.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import { addDays } from '../core/time/days.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { createProgressDisplay } from './progress.js';
import { runCommand, withContext } from './run-command.js';
import { connectDemoProviders, startDemoEnvironment } from './demo-environment.js';
import { formatReport, serializeReport } from './sync.js';
import { WearablesError } from '../core/errors.js';
import { localDayOf, SERVER_ZONE } from '../core/time/zones.js';

/** Registers `demo`. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Try everything on the built-in simulator: connect, sync 90 days, summarise the last week')
    .option('--days <n>', 'days of history to sync', '90')
    .option('--seed <n>', 'seed of the synthetic person')
    .action(async (options: { days: string; seed?: string }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 7 || days > 3650) {
          throw new WearablesError('VALIDATION_ERROR', '--days must be a whole number from 7 to 3650.', { hint: 'For example --days 90.' });
        }
        const demo = await startDemoEnvironment(global, { historyDays: days, ...(options.seed ? { seed: Number(options.seed) } : {}) });
        try {
          await withContext(demo.config, async (context) => {
            if (!json) process.stderr.write(`Simulator running at ${demo.simulatorUrl}\nConnecting ${demo.providers.join(', ')} through their OAuth flows (against the simulator)...\n`);
            await connectDemoProviders(context, demo.providers);
            if (!json) process.stderr.write(`Syncing ${days} days into ${context.config.home} ...\n`);
            const display = createProgressDisplay({ quiet: json });
            const report = await context.sync.sync({ providers: [...demo.providers], onProgress: (progress) => display.update(progress) }).finally(() => display.stop());
            const today = localDayOf(context.now(), SERVER_ZONE);
            const week = await loadDailyView(context.store, { startDay: addDays(today, -6), endDay: today });
            // The script being run (dist/bin/wearables-mcp.js in a checkout, the bin link when installed).
            const entry = realpathSync(process.argv[1] ?? 'wearables-mcp');
            printResult(
              { json },
              { ok: true, home: context.config.home, sync: serializeReport(report), last_7_days: week.map(headlines), mcp: mcpLines(entry) },
              () => [formatReport(report), '', formatWeek(week), '', formatMcpLines(entry)].join('\n'),
            );
          });
        } finally {
          await demo.close();
        }
      });
    });
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
    `Last 7 days, one row per local day across devices (headline value by precedence; ${MARK_LEGEND}):`,
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

function mcpLines(entry: string) {
  return {
    claude_code: `claude mcp add wearables-demo -- node ${entry} serve --demo`,
    claude_desktop: { mcpServers: { 'wearables-demo': { command: 'node', args: [entry, 'serve', '--demo'] } } },
  };
}

function formatMcpLines(entry: string): string {
  const lines = mcpLines(entry);
  return [
    'Add the demo server to your MCP client:',
    `  Claude Code:    ${lines.claude_code}`,
    '  Claude Desktop: add to claude_desktop_config.json:',
    JSON.stringify(lines.claude_desktop, null, 2).split('\n').map((line) => `    ${line}`).join('\n'),
    'Then ask: "How did I sleep this week, and did it show in my recovery?"',
  ].join('\n');
}

/**
 * `wearables-mcp demo`: the main job on the built-in simulator. Starts it in-process, connects
 * through the real OAuth + PKCE flow, syncs 90 days into the demo data directory, prints the last
 * 7 days and the lines that add the demo server to Claude Code and Claude Desktop.
 */
import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import { runAuthorizationCodeFlow } from '../auth/connect-flow.js';
import { ouraDayOverview, type DayOverview } from '../analysis/day-overview.js';
import { addDays, localDay } from './dates.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { createProgressDisplay } from './progress.js';
import { runCommand, withContext } from './run-command.js';
import { startDemoEnvironment } from './demo-environment.js';
import { formatReport, serializeReport } from './sync.js';
import { WearablesError } from '../core/errors.js';

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
            const oura = context.providers.get('oura');
            if (!oura) throw new WearablesError('CONFIG_ERROR', 'The Oura provider is missing from this build.');
            if (!json) process.stderr.write(`Simulator running at ${demo.simulatorUrl}\nConnecting Oura (OAuth2 + PKCE against the simulator)...\n`);
            const tokens = await runAuthorizationCodeFlow({
              provider: oura,
              logger: context.logger,
              // The simulator's consent screen approves at once: following its redirect completes the flow.
              openBrowser: async (url) => {
                const response = await fetch(url, { redirect: 'follow' });
                await response.body?.cancel();
                return true;
              },
              promptForRedirect: () => new Promise<string>(() => undefined),
            });
            await context.tokens.save('oura', tokens);
            if (!json) process.stderr.write(`Syncing ${days} days into ${context.config.home} ...\n`);
            const display = createProgressDisplay({ quiet: json });
            const report = await context.sync.sync({ providers: ['oura'], onProgress: (progress) => display.update(progress) }).finally(() => display.stop());
            const today = localDay(context.now());
            const week = await ouraDayOverview(context.store, addDays(today, -6), today);
            // The script being run (dist/bin/wearables-mcp.js in a checkout, the bin link when installed).
            const entry = realpathSync(process.argv[1] ?? 'wearables-mcp');
            printResult(
              { json },
              { ok: true, home: context.config.home, sync: serializeReport(report), last_7_days: week, mcp: mcpLines(entry) },
              () => [formatReport(report), '', formatWeek(week), '', formatMcpLines(entry)].join('\n'),
            );
          });
        } finally {
          await demo.close();
        }
      });
    });
}

function formatWeek(week: DayOverview[]): string {
  const lines = ['Last 7 days (Oura, simulated person):', 'day         sleep  asleep  HRV ms  low HR  readiness   steps'];
  for (const day of week) {
    const hours = day.total_sleep_seconds === null ? '   -  ' : `${(day.total_sleep_seconds / 3600).toFixed(1).padStart(4)} h`;
    lines.push(
      `${day.day}  ${cell(day.sleep_score, 5)}  ${hours}  ${cell(day.average_hrv_ms, 6)}  ${cell(day.lowest_heart_rate_bpm, 6)}  ${cell(day.readiness_score, 9)}  ${cell(day.steps, 6)}`,
    );
  }
  if (week.length === 0) lines.push('(no data in the last 7 days)');
  return lines.join('\n');
}

function cell(value: number | null, width: number): string {
  return (value === null ? '-' : String(Math.round(value))).padStart(width);
}

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
    'Then ask: "How did I sleep this week, and how did it affect my readiness?"',
  ].join('\n');
}

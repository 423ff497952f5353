/**
 * The demo's own lines: the sync told in one sentence (devices, records, samples, seconds), and
 * the lines that add the demo server to an MCP client, naming the command a user runs.
 */
import type { SyncReport } from '../sync/sync-service.js';
import { commandLine, type ClientCommand } from './client-command.js';
import { providerTotals, type SummaryOptions } from './sync-summary.js';

/** `Synced 90 days from 3 devices: 2,120 records and 30,730 samples in 4.6 s (165 requests).` */
export function syncStory(report: SyncReport, options: SummaryOptions & { days: number }): string {
  const totals = report.results.map((result) => providerTotals(result, options.isSeries));
  const sum = (key: 'records' | 'samples' | 'requests') => totals.reduce((total, entry) => total + entry[key], 0).toLocaleString('en-US');
  const devices = report.results.length;
  const line = `Synced ${options.days} days from ${devices} ${devices === 1 ? 'device' : 'devices'}: ${sum('records')} records and ${sum('samples')} samples in ${(options.elapsedMs / 1000).toFixed(1)} s (${sum('requests')} requests).`;
  const failed = report.results.filter((result) => result.status !== 'ok');
  if (failed.length === 0) return line;
  return `${line}\nNot complete: ${failed.map((result) => `${result.provider} ${result.status}${result.error ? ` (${result.error.code})` : ''}`).join(', ')}; run with --verbose for details.`;
}

/** The client configuration of the demo server (for --json and the lines below). */
export function demoClientConfig(command: ClientCommand) {
  return {
    claude_code: `claude mcp add wearables-demo -- ${commandLine(command)}`,
    claude_desktop: { mcpServers: { 'wearables-demo': { command: command.command, args: command.args } } },
  };
}

/** The lines that add the demo server to Claude Code and Claude Desktop, then a first question. */
export function formatClientLines(command: ClientCommand): string {
  const config = demoClientConfig(command);
  return [
    'Add the demo server to your MCP client:',
    `  Claude Code:    ${config.claude_code}`,
    '  Claude Desktop: in claude_desktop_config.json',
    `    ${JSON.stringify(config.claude_desktop)}`,
    'Then ask: "How did I sleep this week, and did it show in my recovery?"',
  ].join('\n');
}

/** `wearables-mcp status`: connections, token expiry, last sync per resource, cache size. */
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand, withCommandContext } from './run-command.js';

/** Collects the status document (no secrets). Shared with `health_check`-like callers. */
export async function collectStatus(context: AppContext) {
  const stats = await context.store.stats();
  const runs = await context.store.listSyncRuns({ limit: 50 });
  const providers = [];
  for (const id of context.providers.keys()) {
    const connection = await context.tokens.status(id);
    const lastRun = runs.find((run) => run.provider === id);
    const resources = stats.records
      .filter((row) => row.provider === id)
      .map((row) => ({ resource: row.resource, records: row.count, first_day: row.firstDay, last_day: row.lastDay }));
    const cursors: Record<string, string | null> = {};
    for (const resource of context.providers.get(id)?.resources ?? []) {
      cursors[resource.name] = await context.store.getCursor(id, resource.name);
    }
    providers.push({
      provider: id,
      connection,
      last_sync: lastRun ? { at: lastRun.finishedAt ?? lastRun.startedAt, status: lastRun.status, mode: lastRun.mode } : null,
      synced_through: cursors,
      resources,
      samples: stats.samples.filter((row) => row.provider === id),
    });
  }
  return { home: context.config.home, driver: stats.driver ?? 'sqlite', database: stats.path, size_bytes: stats.sizeBytes, schema_version: stats.schemaVersion, providers };
}

/** Registers `status`. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Show connections, token expiry, last sync per resource and cache size')
    .action(async () => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        await withCommandContext(global, async (context) => {
          const status = await collectStatus(context);
          printResult({ json }, status, () => formatStatus(status));
        });
      });
    });
}

function formatStatus(status: Awaited<ReturnType<typeof collectStatus>>): string {
  const lines = [`Data directory: ${status.home}`, `Cache: ${status.database} (${status.driver}, ${(status.size_bytes / 1024 / 1024).toFixed(1)} MB, schema v${status.schema_version})`];
  for (const provider of status.providers) {
    const connection = provider.connection;
    const state = connection.reconnectNeeded
      ? `reconnect needed: ${connection.nextStep ?? `run \`wearables-mcp connect ${provider.provider}\``}`
      : connection.connected
      ? `connected (${connection.kind}${connection.expiresAt ? `, token expires ${connection.expiresAt}` : ''}${connection.refreshable ? ', auto-refresh' : ''})`
      : `not connected: run \`wearables-mcp connect ${provider.provider}\``;
    lines.push('', `${provider.provider}: ${state}`);
    if (provider.last_sync) lines.push(`  last sync: ${provider.last_sync.at} (${provider.last_sync.mode}, ${provider.last_sync.status})`);
    for (const resource of provider.resources) {
      lines.push(`  ${resource.resource.padEnd(26)} ${String(resource.records).padStart(6)} records  ${resource.first_day ?? ''} … ${resource.last_day ?? ''}`);
    }
    for (const series of provider.samples) {
      lines.push(`  ${series.series.padEnd(26)} ${String(series.count).padStart(6)} samples`);
    }
  }
  return lines.join('\n');
}

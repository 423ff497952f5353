/**
 * `/health`: status, per-provider connection state, cache statistics, scheduler state and
 * version. Nothing secret: no tokens, paths, user ids or record contents.
 */
import type { HostContext } from '../mcp/host-context.js';
import type { ProviderId } from '../core/types.js';
import { SERVER_VERSION } from '../mcp/server.js';
import type { SchedulerState } from '../scheduler/sync-scheduler.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptime_seconds: number;
  providers: Record<string, {
    connected: boolean;
    reconnect_needed: boolean;
    kind: string | null;
    last_sync: { status: string; finished_at: string | null; mode: string } | null;
  }>;
  cache: { driver: 'sqlite' | 'postgres'; readable: boolean; writable: boolean; size_bytes: number; records: number; samples: number; schema_version: number };
  scheduler: SchedulerState | null;
  sse_sessions: number;
}

export interface HealthDeps {
  context: HostContext;
  startedAt: number;
  scheduler?: { state(): SchedulerState };
  sseSessions: () => number;
}

/** Builds the health report. */
export async function healthReport(deps: HealthDeps): Promise<HealthReport> {
  const { context } = deps;
  const providers: HealthReport['providers'] = {};
  for (const id of context.providers.keys() as IterableIterator<ProviderId>) {
    const status = await context.tokens.status(id).catch(() => ({ connected: false, reconnectNeeded: false, kind: undefined }));
    const [run] = await context.store.listSyncRuns({ provider: id, limit: 1 }).catch(() => []);
    providers[id] = {
      connected: status.connected,
      reconnect_needed: status.reconnectNeeded === true,
      kind: status.kind ?? null,
      last_sync: run ? { status: run.status, finished_at: run.finishedAt, mode: run.mode } : null,
    };
  }
  const probe = await context.store.probe().catch(() => ({ readable: false, writable: false }));
  const stats = await context.store.stats().catch(() => undefined);
  const cache = {
    // The driver only: its location (a path or a database host) stays out of this unauthenticated answer.
    driver: stats?.driver ?? 'sqlite',
    ...probe,
    size_bytes: stats?.sizeBytes ?? 0,
    records: stats?.records.reduce((sum, entry) => sum + entry.count, 0) ?? 0,
    samples: stats?.samples.reduce((sum, entry) => sum + entry.count, 0) ?? 0,
    schema_version: stats?.schemaVersion ?? 0,
  };
  return {
    status: probe.readable && probe.writable ? 'ok' : 'degraded',
    version: SERVER_VERSION,
    uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000),
    providers,
    cache,
    scheduler: deps.scheduler?.state() ?? null,
    sse_sessions: deps.sseSessions(),
  };
}

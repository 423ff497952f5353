/**
 * Turns verified webhook events into targeted syncs of just the changed day: a known record's
 * stored day, else the day of the event (and the day before, as an upload names the wake day of a
 * night that began the evening before). `refreshWindow` writes through, reconciles deletions and
 * records change events, so `get_events` shows what the webhook brought in. Every window is
 * clamped to a few days inside the day range inputs may name (`boundedWindow`). Deliveries are
 * answered before this runs; the dispatcher keeps the work so shutdown can wait for it.
 */
import { toWearablesError } from '../core/errors.js';
import type { LocalDay, ProviderId, TimeWindow } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import type { SyncService } from '../sync/sync-service.js';
import { addDays, isDay, utcDayOf } from '../core/time/days.js';
import { boundedWindow } from './bounded-window.js';
import type { WebhookEvent } from '../providers/webhook-capability.js';

export interface WebhookDispatcherDeps {
  store: Pick<Store, 'getRecord' | 'queryRecords'>;
  sync: Pick<SyncService, 'refreshWindow'>;
  providers: ReadonlyMap<ProviderId, Provider>;
  logger: Logger;
  now: () => Date;
}

export interface DispatchResult {
  provider: ProviderId;
  /** `resource window` pairs refreshed. */
  refreshed: Array<{ resource: string; window: TimeWindow }>;
  /** Events naming resources this provider does not sync, or days outside the range any input may name. */
  ignored: number;
  failed: number;
}

export interface WebhookDispatcher {
  /** Queues the events' targeted syncs; resolves when they finished (never rejects). */
  dispatch(provider: ProviderId, events: readonly WebhookEvent[]): Promise<DispatchResult>;
  /** Resolves when every queued dispatch finished (shutdown). */
  idle(): Promise<void>;
}

/** How many of the newest records are searched for an id kept in a data field. */
const LOCATE_SCAN = 500;

/** Creates the dispatcher. */
export function createWebhookDispatcher(deps: WebhookDispatcherDeps): WebhookDispatcher {
  const pending = new Set<Promise<unknown>>();

  async function windowFor(provider: ProviderId, spec: ResourceSpec, event: WebhookEvent): Promise<TimeWindow> {
    // A datetime-listed record starts up to a day before its local day and, far west, ends after it.
    const after = spec.windowing === 'datetime' ? 2 : 1;
    if (event.window) return spanWindow(spec, event.window);
    let day: LocalDay | undefined = event.day && isDay(event.day) ? event.day : undefined;
    const locate = event.dayOf ?? (event.objectId ? { resource: event.resource, objectId: event.objectId } : undefined);
    if (!day && locate) {
      const stored = await locateRecord(provider, locate, event.idField).catch(() => null);
      if (!stored && event.idField) deps.logger.warn({ provider, resource: locate.resource, idField: event.idField }, 'webhook names a record not stored; refreshing the days around the delivery');
      if (stored?.day) return spec.windowing === 'datetime' ? { start: addDays(stored.day, -1), end: addDays(stored.day, after) } : { start: stored.day, end: addDays(stored.day, 1) };
    }
    if (!day) {
      const at = event.occurredAt ? new Date(event.occurredAt) : deps.now();
      day = utcDayOf(Number.isNaN(at.getTime()) ? deps.now() : at);
    }
    return { start: addDays(day, -1), end: addDays(day, after) };
  }

  /** The stored record an event names: by id, or by `idField` among the newest records. */
  async function locateRecord(provider: ProviderId, locate: { resource: string; objectId: string }, idField: string | undefined) {
    if (!idField) return deps.store.getRecord(provider, locate.resource, locate.objectId);
    const recent = await deps.store.queryRecords({ provider, resource: locate.resource, order: 'desc', limit: LOCATE_SCAN });
    return recent.find((record) => record.data[idField] !== null && record.data[idField] !== undefined && String(record.data[idField]) === locate.objectId) ?? null;
  }

  async function run(providerId: ProviderId, events: readonly WebhookEvent[]): Promise<DispatchResult> {
    const result: DispatchResult = { provider: providerId, refreshed: [], ignored: 0, failed: 0 };
    const provider = deps.providers.get(providerId);
    const planned = new Map<string, { resource: string; window: TimeWindow }>();
    for (const event of events) {
      const spec = provider?.resources.find((resource) => resource.name === event.resource);
      if (!spec) {
        result.ignored++;
        continue;
      }
      const window = boundedWindow(await windowFor(providerId, spec, event), deps.now());
      if (!window) {
        result.ignored++;
        continue;
      }
      planned.set(`${event.resource} ${window.start} ${window.end}`, { resource: event.resource, window });
    }
    for (const { resource, window } of planned.values()) {
      try {
        await deps.sync.refreshWindow(providerId, resource, window);
        result.refreshed.push({ resource, window });
      } catch (error) {
        result.failed++;
        deps.logger.warn({ provider: providerId, resource, err: toWearablesError(error) }, 'webhook-triggered sync failed');
      }
    }
    deps.logger.info({ provider: providerId, refreshed: result.refreshed.length, ignored: result.ignored, failed: result.failed }, 'webhook events applied');
    return result;
  }

  return {
    dispatch(provider, events) {
      const work = run(provider, events);
      pending.add(work);
      void work.finally(() => pending.delete(work));
      return work;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** An announced span as a window of `spec`: instants for datetime resources, whole UTC days (one either side) otherwise. */
function spanWindow(spec: ResourceSpec, span: TimeWindow): TimeWindow {
  if (spec.windowing === 'datetime') return span;
  const start = new Date(span.start);
  const end = new Date(span.end);
  return { start: addDays(utcDayOf(start), -1), end: addDays(utcDayOf(end), 1) };
}

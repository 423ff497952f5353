/**
 * Process-wide operational events for metrics (`/metrics` of `serve --http`): what a provider
 * request answered, how long a provider's sync run took and how it ended. The emitters (the
 * authenticated HTTP helper, the sync engine) call `emitTelemetry`; nothing listens unless a
 * server registered a listener, so the CLI and stdio pay one empty-set check per event.
 * Events carry a provider id, a status and numbers only: never an account, user id, URL or token.
 */

export type TelemetryEvent =
  /** One answer of a provider API (or a network error); `waitMs` when a 429's wait is about to be honoured. */
  | { type: 'upstream_attempt'; provider: string; status: number | 'network-error'; waitMs?: number }
  /** One audited provider run finished (`mode`: incremental, full, targeted, fresh, by_id, import ...). */
  | { type: 'sync_run'; provider: string; mode: string; status: string; durationMs: number };

export type TelemetryListener = (event: TelemetryEvent) => void;

const listeners = new Set<TelemetryListener>();

/** Registers `listener`; returns the function that removes it. */
export function onTelemetry(listener: TelemetryListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hands `event` to every listener; a throwing listener never disturbs the emitter. */
export function emitTelemetry(event: TelemetryEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // Metrics are best effort: a broken listener must not fail a sync or a request.
    }
  }
}

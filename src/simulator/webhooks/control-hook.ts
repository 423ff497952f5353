/**
 * Connects the simulator's data controls to the webhook hub: a re-score (applied now), a deleted
 * document and a released late night each send the matching signed deliveries. Scheduled
 * re-scores and nights revealed by advancing the clock are sent by the scheduled webhooks
 * (scheduled-changes.ts) when the simulator is started with them.
 */
import type { SimulatorControl } from '../control.js';
import type { DataChange, OuraWebhookHub } from './oura-webhooks.js';

/** Returns every visible document as `collection/id`. */
export type VisibleSnapshot = () => Set<string>;

const toChange = (key: string, event: DataChange['event']): DataChange => {
  const slash = key.indexOf('/');
  return { collection: key.slice(0, slash), id: key.slice(slash + 1), event };
};

/**
 * Wraps `control.oura`'s data controls so that each change is also notified through `hub`; with
 * `changed` (the scheduled webhooks are on), each control calls it instead, and the scheduled
 * webhooks send what changed (so nothing is sent twice).
 */
export function notifyOuraChanges(control: SimulatorControl, hub: OuraWebhookHub, snapshot: VisibleSnapshot, changed?: () => void): void {
  const original = control.oura;
  control.oura = {
    ...original,
    rescoreDay(day, options = {}) {
      const affected = original.rescoreDay(day, options);
      if (changed) changed();
      else if (options.atMs === undefined || options.atMs <= control.now().getTime()) hub.notify(affected.map((key) => toChange(key, 'update')));
      return affected;
    },
    deleteDocument(collection, id) {
      const deleted = original.deleteDocument(collection, id);
      if (changed) changed();
      else if (deleted) hub.notify([{ collection, id, event: 'delete' }]);
      return deleted;
    },
    releaseLateSleep() {
      const before = snapshot();
      original.releaseLateSleep();
      if (changed) changed();
      else hub.notify([...snapshot()].filter((key) => !before.has(key)).map((key) => toChange(key, 'create')));
    },
  };
}

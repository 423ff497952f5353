/** Small rendering helpers shared by the Oura renderers. */
import { localIso, utcIso } from '../time.js';
import type { OuraCollection, RenderContext } from './types.js';

/** Collections whose 1.29 schema has a `meta` object (resilience and both tag models do not). */
const WITH_META: ReadonlySet<OuraCollection> = new Set<OuraCollection>([
  'daily_activity',
  'daily_cardiovascular_age',
  'daily_readiness',
  'daily_sleep',
  'daily_spo2',
  'daily_stress',
  'rest_mode_period',
  'ring_configuration',
  'session',
  'sleep',
  'sleep_time',
  'vO2_max',
  'workout',
]);

/**
 * `{ id, meta?, ...body }`. `meta.version` starts at 1 and counts re-scores; `updated_at` is
 * when the current version appeared.
 */
export function withMeta(
  collection: OuraCollection,
  id: string,
  ctx: RenderContext,
  body: Record<string, unknown>,
  updated?: { atMs: number; version: number },
): Record<string, unknown> {
  if (ctx.shape !== 'v1.29' || !WITH_META.has(collection)) return { id, ...body };
  const version = updated?.version ?? 1 + (ctx.rescore?.count ?? 0);
  const atMs = updated?.atMs ?? ctx.rescore?.atMs ?? ctx.availableAtMs;
  return { id, meta: { updated_at: utcIso(Math.max(0, atMs)), version }, ...body };
}

/** A PublicSample object: `{ interval, items, timestamp }` with a millisecond local timestamp. */
export function sample(
  intervalSeconds: number,
  items: ReadonlyArray<number | null>,
  startMs: number,
  offsetMinutes: number,
): Record<string, unknown> {
  return { interval: intervalSeconds, items: [...items], timestamp: localIso(startMs, offsetMinutes, true) };
}

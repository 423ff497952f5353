/** Rendering helpers shared by the WHOOP renderers. */
import { formatOffset } from '../time.js';
import type { WhoopRenderContext } from './types.js';

/** WHOOP writes instants in UTC with milliseconds (`2022-04-24T11:25:44.774Z`). */
export function whoopInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** WHOOP's Time Zone Designator: `Z` at UTC, else `±hh:mm`. */
export function whoopOffset(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'Z' : formatOffset(offsetMinutes);
}

/** `SCORED`, `PENDING_SCORE` or `UNSCORABLE` at the context's time. */
export function scoreState(ctx: WhoopRenderContext): 'SCORED' | 'PENDING_SCORE' | 'UNSCORABLE' {
  if (ctx.scoredAtMs === null || ctx.scoredAtMs > ctx.nowMs) return 'PENDING_SCORE';
  return ctx.unscorable ? 'UNSCORABLE' : 'SCORED';
}

/** `updated_at`: the latest of creation, scoring and re-scoring that already happened. */
export function updatedAt(ctx: WhoopRenderContext): string {
  const moments = [ctx.createdAtMs, ctx.scoredAtMs ?? 0, ctx.rescore?.atMs ?? 0, ctx.touchedAtMs ?? 0].filter((ms) => ms <= ctx.nowMs);
  return whoopInstant(Math.max(ctx.createdAtMs, ...moments));
}

/** The common head of a record: ids, timestamps, score state; `score` only when SCORED (per the spec). */
export function withScore(
  head: Record<string, unknown>,
  ctx: WhoopRenderContext,
  score: () => Record<string, unknown>,
): Record<string, unknown> {
  const state = scoreState(ctx);
  return { ...head, score_state: state, ...(state === 'SCORED' ? { score: score() } : {}) };
}

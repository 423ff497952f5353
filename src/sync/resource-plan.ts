/** What a run fetches for one resource, and the hooks a resumable backfill needs around it. */
import type { TimeWindow } from '../core/types.js';

export interface ResourcePlan {
  /** Windows to fetch, oldest first (each is cut to the resource's `maxWindowDays`). */
  windows: TimeWindow[];
  /** Request windows an earlier, interrupted run already stored: progress counts them as done. */
  doneBefore?: number;
  /** Called after each chunk was completely stored (after coverage and cursor moved). */
  onStored?: (chunk: TimeWindow) => Promise<void>;
  /** Called once every chunk of `windows` was stored. */
  onComplete?: () => Promise<void>;
}

/** A plan from plain windows (the regular, targeted and fresh paths). */
export function windowsPlan(windows: TimeWindow[]): ResourcePlan {
  return { windows };
}

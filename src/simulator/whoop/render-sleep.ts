/**
 * WHOOP's view of a night: the same sleep period the Oura ring saw, measured by another device.
 * Realistic disagreement: start/end detected a few minutes apart, total sleep a few percent off
 * (WHOOP scores more slow-wave sleep), its own respiratory rate reading and sleep need.
 */
import { clamp, rngFor } from '../prng.js';
import type { PersonProfile } from '../person/types.js';
import { whoopInstant, whoopOffset, updatedAt, withScore } from './render-common.js';
import type { WhoopRenderContext, WhoopSleepEntry } from './types.js';

const MINUTE_MS = 60_000;

/** Stage durations (ms) WHOOP reports for a sleep, after re-scores. */
export interface WhoopStages {
  inBed: number;
  awake: number;
  light: number;
  deep: number;
  rem: number;
  total: number;
}

/** WHOOP's start/end shifts of a truth period (deterministic per period). */
export function detectionShift(seed: number, key: string): { startMs: number; endMs: number } {
  const rng = rngFor(seed, 'whoop-sleep-edges', key);
  return { startMs: rng.int(-4, 10) * MINUTE_MS, endMs: rng.int(-6, 3) * MINUTE_MS };
}

/** The stage split WHOOP reports. */
export function whoopStages(seed: number, entry: WhoopSleepEntry, ctx: WhoopRenderContext): WhoopStages {
  const { truth } = entry;
  const rng = rngFor(seed, 'whoop-sleep-stages', truth.key);
  const inBed = entry.endMs - entry.startMs;
  const factor = rng.uniform(0.97, 1.06);
  let total = Math.min(Math.round(truth.totalSleepSeconds * 1000 * factor), inBed - 2 * MINUTE_MS);
  const weights = { deep: truth.deepSeconds * 1.15, rem: truth.remSeconds, light: truth.lightSeconds * 0.95 };
  const weightSum = weights.deep + weights.rem + weights.light || 1;
  let deep = Math.round((total * weights.deep) / weightSum);
  const rem = Math.round((total * weights.rem) / weightSum);
  let light = total - deep - rem;
  let awake = inBed - total;
  if (ctx.rescore) {
    const shift = Math.min(ctx.rescore.extraSleepMs, Math.max(0, awake - MINUTE_MS));
    awake -= shift;
    light += shift;
    total += shift;
  }
  deep = Math.max(0, deep);
  return { inBed, awake, light, deep, rem, total };
}

/** Renders a `Sleep` record (spec schema `Sleep`). */
export function renderWhoopSleep(seed: number, profile: PersonProfile, entry: WhoopSleepEntry, ctx: WhoopRenderContext): Record<string, unknown> {
  const { truth } = entry;
  const head = {
    id: entry.id,
    cycle_id: entry.cycleId,
    user_id: ctx.userId,
    created_at: whoopInstant(ctx.createdAtMs),
    updated_at: updatedAt(ctx),
    start: whoopInstant(entry.startMs),
    end: whoopInstant(entry.endMs),
    timezone_offset: whoopOffset(truth.offsetMinutes),
    nap: truth.kind === 'nap',
  };
  return withScore(head, ctx, () => {
    const rng = rngFor(seed, 'whoop-sleep-score', truth.key);
    const stages = whoopStages(seed, entry, ctx);
    const nap = truth.kind === 'nap';
    const need = {
      baseline_milli: nap ? 0 : profile.sleepNeedSeconds * 1000,
      need_from_sleep_debt_milli: nap ? 0 : rng.int(0, 45) * MINUTE_MS,
      need_from_recent_strain_milli: nap ? 0 : rng.int(0, 25) * MINUTE_MS,
      need_from_recent_nap_milli: nap ? 0 : -rng.int(0, 1) * rng.int(0, 20) * MINUTE_MS,
    };
    const needed = need.baseline_milli + need.need_from_sleep_debt_milli + need.need_from_recent_strain_milli + need.need_from_recent_nap_milli;
    return {
      stage_summary: {
        total_in_bed_time_milli: stages.inBed,
        total_awake_time_milli: stages.awake,
        total_no_data_time_milli: 0,
        total_light_sleep_time_milli: stages.light,
        total_slow_wave_sleep_time_milli: stages.deep,
        total_rem_sleep_time_milli: stages.rem,
        sleep_cycle_count: Math.max(1, Math.round(stages.total / (90 * MINUTE_MS))),
        disturbance_count: Math.max(0, Math.round(truth.restlessPeriods * rng.uniform(0.12, 0.22))),
      },
      sleep_needed: need,
      respiratory_rate: Math.round((truth.respiratoryRate + rng.normal(0, 0.25)) * 1e6) / 1e6,
      ...(nap ? {} : { sleep_performance_percentage: clamp(Math.round((stages.total / needed) * 100), 1, 100) }),
      ...(nap ? {} : { sleep_consistency_percentage: rng.int(62, 96) }),
      sleep_efficiency_percentage: Math.round((stages.total / stages.inBed) * 100 * 1e6) / 1e6,
    };
  });
}

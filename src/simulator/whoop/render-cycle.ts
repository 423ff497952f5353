/**
 * Cycles and recoveries. A cycle runs from one main sleep's start to the next one's and holds the
 * waking day in between: day strain (WHOOP's 0–21 log scale of cardiovascular load) and energy
 * come from the person's per-minute METs, heart rate from the same samples Oura serves. A
 * recovery comes from the sleep that starts its cycle: WHOOP's HRV is RMSSD measured in the last
 * slow-wave period, which reads higher than Oura's whole-night average.
 */
import { clamp, rngFor } from '../prng.js';
import { activityDayStartMs } from '../person/activity.js';
import type { SyntheticPerson } from '../person.js';
import { whoopInstant, whoopOffset, updatedAt, withScore } from './render-common.js';
import type { WhoopCycleEntry, WhoopRenderContext } from './types.js';

const MINUTE_MS = 60_000;
const KCAL_PER_KJ = 0.239006;

/** Day strain of a MET load (MET-hours above rest), on WHOOP's saturating 0–21 scale. */
export function strainOf(metHours: number): number {
  return 21 * (1 - Math.exp(-Math.max(0, metHours) / 14));
}

interface CycleLoad {
  metHours: number;
  kilocalories: number;
}

/** MET-hours above rest and energy between `fromMs` and `toMs` (the activity day of the cycle; rest elsewhere). */
function cycleLoad(person: SyntheticPerson, entry: WhoopCycleEntry, fromMs: number, toMs: number): CycleLoad {
  const met = person.metPerMinute(entry.day.day);
  const dayStart = activityDayStartMs(entry.day.day, entry.day.offsetMinutes);
  const weight = person.profile.weightKg;
  let metHours = 0;
  let kilocalories = 0;
  for (let ms = fromMs; ms < toMs; ms += MINUTE_MS) {
    const value = met[Math.floor((ms - dayStart) / MINUTE_MS)] ?? 1;
    metHours += Math.max(0, value - 1.2) / 60;
    kilocalories += (value * weight) / 60;
  }
  return { metHours, kilocalories };
}

/** Renders a `Cycle` (spec schema `Cycle`); `endMs` null while the user is still in it. */
export function renderWhoopCycle(person: SyntheticPerson, entry: WhoopCycleEntry, endMs: number | null, ctx: WhoopRenderContext): Record<string, unknown> {
  const head = {
    id: entry.id,
    user_id: ctx.userId,
    created_at: whoopInstant(ctx.createdAtMs),
    updated_at: updatedAt(ctx),
    start: whoopInstant(entry.startMs),
    ...(endMs === null ? {} : { end: whoopInstant(endMs) }),
    timezone_offset: whoopOffset(entry.sleep.truth.offsetMinutes),
  };
  return withScore(head, ctx, () => {
    // The ongoing cycle is scored up to the last full hour (updated hourly).
    const toMs = endMs ?? Math.max(entry.startMs + MINUTE_MS, Math.floor(ctx.nowMs / 3_600_000) * 3_600_000);
    const rng = rngFor(person.seed, 'whoop-cycle', entry.id);
    const load = cycleLoad(person, entry, entry.startMs, toMs);
    const samples = person.heartRate(entry.startMs, toMs);
    const bpm = samples.map((sample) => sample.bpm);
    const average = bpm.length > 0 ? Math.round(bpm.reduce((a, b) => a + b, 0) / bpm.length) : entry.day.restingHrBpm + 10;
    const peak = bpm.length > 0 ? Math.max(...bpm) : average;
    const strain = strainOf(load.metHours) * rng.uniform(0.96, 1.04) + (ctx.rescore ? 0.1 : 0);
    return {
      strain: Math.round(clamp(strain, 0, 21) * 1e7) / 1e7,
      // WHOOP's energy estimate runs a few percent above others.
      kilojoule: Math.round(((load.kilocalories * rng.uniform(1.02, 1.08)) / KCAL_PER_KJ) * 1000) / 1000,
      average_heart_rate: average,
      max_heart_rate: peak + rng.int(3, 12),
    };
  });
}

/** WHOOP's recovery inputs of a cycle: HRV, resting HR, the score. */
export function recoveryValues(person: SyntheticPerson, entry: WhoopCycleEntry, performancePercent: number, ctx: WhoopRenderContext) {
  const { day } = entry;
  const rng = rngFor(person.seed, 'whoop-recovery', entry.id);
  const hrv = day.hrvMs * 1.12 * rng.uniform(0.95, 1.05) * (ctx.rescore ? 0.97 : 1);
  const restingHr = day.restingHrBpm + rng.int(0, 2);
  const baseHrv = person.profile.baselineHrvMs * 1.12;
  const raw = 58 + 70 * Math.log(hrv / baseHrv) + 2.2 * (person.profile.baselineRestingHrBpm - restingHr) + 0.35 * (performancePercent - 85);
  const score = clamp(Math.round(raw + (ctx.rescore?.recoveryDelta ?? 0)), 1, 99);
  return { hrv, restingHr, score, rng };
}

/** Renders a `Recovery` (spec schema `Recovery`) for a cycle and the sleep that starts it. */
export function renderWhoopRecovery(
  person: SyntheticPerson,
  entry: WhoopCycleEntry,
  performancePercent: number,
  ctx: WhoopRenderContext,
): Record<string, unknown> {
  const head = {
    cycle_id: entry.id,
    sleep_id: entry.sleep.id,
    user_id: ctx.userId,
    created_at: whoopInstant(ctx.createdAtMs),
    updated_at: updatedAt(ctx),
  };
  return withScore(head, ctx, () => {
    const { hrv, restingHr, score, rng } = recoveryValues(person, entry, performancePercent, ctx);
    const spo2 = entry.sleep.truth.spo2Percent ?? 95.5;
    return {
      user_calibrating: entry.index < 4,
      recovery_score: score,
      resting_heart_rate: restingHr,
      hrv_rmssd_milli: Math.round(hrv * 1e6) / 1e6,
      spo2_percentage: Math.round((spo2 + rng.normal(0, 0.4)) * 1e4) / 1e4,
      skin_temp_celsius: Math.round((33.6 + entry.day.temperatureDeviationC + rng.normal(0, 0.1)) * 1e4) / 1e4,
    };
  });
}

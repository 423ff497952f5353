/** Builds 5-minute hypnograms with exact stage counts arranged in plausible sleep cycles. */
import type { Rng } from '../prng.js';
import { STAGE_CODES } from './types.js';

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
export function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map((r) => Math.floor(r));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

export interface StageSlots {
  total: number;
  latency: number;
  awake: number;
  deep: number;
  rem: number;
}

/**
 * A hypnogram of exactly `slots.total` characters: `latency` awake slots first, one awake slot
 * last, and the rest as ~90-minute cycles (deep-heavy early, REM-heavy late) with the remaining
 * awake slots as brief wakings after REM.
 */
export function buildHypnogram(slots: StageSlots, rng: Rng): string {
  const latency = Math.min(slots.latency, Math.max(0, slots.awake - 1), Math.max(0, slots.total - 2));
  const core = slots.total - latency - 1;
  let midAwake = Math.max(0, slots.awake - latency - 1);
  let rem = Math.max(0, slots.rem);
  let deep = Math.max(0, slots.deep);
  // Never exceed the slot count: trim REM, then deep, then brief wakings.
  let over = deep + rem + midAwake - core;
  const trim = (value: number): number => {
    const cut = Math.min(value, Math.max(0, over));
    over -= cut;
    return value - cut;
  };
  rem = trim(rem);
  deep = trim(deep);
  midAwake = trim(midAwake);
  const light = core - deep - rem - midAwake;
  const cycles = Math.max(1, Math.round(core / 18));
  const index = Array.from({ length: cycles }, (_, c) => c);
  const deepParts = distribute(deep, index.map((c) => (cycles - c) ** 1.6));
  const remParts = distribute(rem, index.map((c) => c + 0.6));
  const lightParts = distribute(light, index.map(() => 1 + rng.uniform(-0.15, 0.15)));
  const awakeParts = distribute(midAwake, index.map((c) => c + 1));
  let out = STAGE_CODES.awake.repeat(latency);
  for (let c = 0; c < cycles; c += 1) {
    const l = lightParts[c] ?? 0;
    const before = Math.ceil(l / 2);
    out += STAGE_CODES.light.repeat(before);
    out += STAGE_CODES.deep.repeat(deepParts[c] ?? 0);
    out += STAGE_CODES.light.repeat(l - before);
    out += STAGE_CODES.rem.repeat(remParts[c] ?? 0);
    out += STAGE_CODES.awake.repeat(awakeParts[c] ?? 0);
  }
  out += STAGE_CODES.awake;
  return out;
}

/** 30-second movement string for a hypnogram: stiller in deep sleep, restless when awake. */
export function buildMovement(hypnogram: string, count: number, rng: Rng): string {
  let out = '';
  for (let i = 0; i < count; i += 1) {
    const stage = hypnogram[Math.min(hypnogram.length - 1, Math.floor(i / 10))];
    const r = rng.next();
    if (stage === STAGE_CODES.awake) out += r < 0.35 ? '1' : r < 0.75 ? '2' : r < 0.93 ? '3' : '4';
    else if (stage === STAGE_CODES.light) out += r < 0.86 ? '1' : r < 0.98 ? '2' : '3';
    else if (stage === STAGE_CODES.rem) out += r < 0.93 ? '1' : '2';
    else out += r < 0.985 ? '1' : '2';
  }
  return out;
}

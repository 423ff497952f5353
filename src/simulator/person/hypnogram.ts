/** Builds 5-minute hypnograms with exact stage counts arranged in plausible sleep cycles. */
import { Rng } from '../prng.js';
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

const BLOCKS_PER_STAGE = 64;

/** Probability thresholds of movement codes '1'..'4' per stage (cumulative). */
const MOVEMENT_THRESHOLDS: Record<string, readonly number[]> = {
  [STAGE_CODES.awake]: [0.35, 0.75, 0.93],
  [STAGE_CODES.light]: [0.86, 0.98, 1],
  [STAGE_CODES.rem]: [0.93, 1, 1],
  [STAGE_CODES.deep]: [0.985, 1, 1],
};

/** Pools of ten-character (one 5-minute slot) movement blocks per stage, drawn once. */
const MOVEMENT_BLOCKS: ReadonlyMap<string, ReadonlyArray<{ text: string; restless: number }>> = (() => {
  const rng = new Rng(0x5eed);
  const pools = new Map<string, Array<{ text: string; restless: number }>>();
  for (const [stage, [a = 1, b = 1, c = 1]] of Object.entries(MOVEMENT_THRESHOLDS)) {
    const pool: Array<{ text: string; restless: number }> = [];
    for (let k = 0; k < BLOCKS_PER_STAGE; k += 1) {
      let text = '';
      for (let i = 0; i < 10; i += 1) {
        const r = rng.next();
        text += r < a ? '1' : r < b ? '2' : r < c ? '3' : '4';
      }
      pool.push({ text, restless: text.replace(/1/g, '').length });
    }
    pools.set(stage, pool);
  }
  return pools;
})();

/**
 * 30-second movement (`count` characters) for a hypnogram: stiller in deep sleep, restless when
 * awake. Each 5-minute slot takes a ten-character block from its stage's pool. Returns the
 * string and the number of non-still epochs (restless periods).
 */
export function buildMovement(hypnogram: string, count: number, rng: Rng): { movement: string; restless: number } {
  const parts: string[] = [];
  let restless = 0;
  let length = 0;
  for (let slot = 0; length < count; slot += 1) {
    const stage = hypnogram.charAt(Math.min(hypnogram.length - 1, slot));
    const pool = MOVEMENT_BLOCKS.get(stage) ?? MOVEMENT_BLOCKS.get(STAGE_CODES.light) ?? [];
    const block = pool[Math.floor(rng.next() * pool.length)] ?? { text: '1111111111', restless: 0 };
    const text = length + 10 <= count ? block.text : block.text.slice(0, count - length);
    restless += text === block.text ? block.restless : text.replace(/1/g, '').length;
    parts.push(text);
    length += text.length;
  }
  return { movement: parts.join(''), restless };
}

/**
 * Seeded pseudo-random numbers for the simulator. Everything synthetic is derived from
 * `(seed, labels...)` so any part (one night, one day's heart rate) can be regenerated
 * independently and identically; `Math.random` is never used.
 */

/** 32-bit FNV-1a hash of a string, used to derive sub-seeds from labels. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns a function yielding [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded random source with the few distributions the simulator needs. */
export class Rng {
  private readonly source: () => number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.source();
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** Integer uniform in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.source() < p;
  }

  /** Normal(mean, sd) via Box-Muller. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * spare;
    }
    let u = 0;
    while (u === 0) u = this.source();
    const v = this.source();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.source() * items.length)];
    if (item === undefined) throw new Error('Rng.pick on an empty array');
    return item;
  }
}

/** A fresh `Rng` for `(seed, ...labels)`; the same inputs always give the same stream. */
export function rngFor(seed: number, ...labels: Array<string | number>): Rng {
  return new Rng(hashString(`${seed}|${labels.join('|')}`));
}

/** A deterministic RFC-4122-shaped (version 4 layout) UUID for `(seed, ...labels)`. */
export function uuidFor(seed: number, ...labels: Array<string | number>): string {
  const rng = rngFor(seed, 'uuid', ...labels);
  const bytes: number[] = [];
  for (let i = 0; i < 16; i += 1) bytes.push(Math.floor(rng.next() * 256));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Clamps `value` into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

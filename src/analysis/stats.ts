/** Small robust statistics over plain number arrays (pure). */

/** Arithmetic mean, or null for an empty array. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The q-quantile (0..1) with linear interpolation, or null for an empty array. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** Median, or null for an empty array. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median, or null for an empty array. */
export function mad(values: readonly number[]): number | null {
  const center = median(values);
  if (center === null) return null;
  return median(values.map((value) => Math.abs(value - center)));
}

/**
 * A robust standard-deviation estimate: the larger of 1.4826·MAD and IQR/1.349 (both equal σ for
 * normal data; taking the larger keeps a series with many ties from looking perfectly stable),
 * never below `floor`.
 */
export function robustSpread(values: readonly number[], floor: number): number {
  const deviation = mad(values) ?? 0;
  const q1 = quantile(values, 0.25) ?? 0;
  const q3 = quantile(values, 0.75) ?? 0;
  return Math.max(1.4826 * deviation, (q3 - q1) / 1.349, floor);
}

/** Pearson correlation of paired values, or null with fewer than 3 pairs or no variance. */
export function pearson(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  if (pairs.length < 3) return null;
  const mx = mean(pairs.map((pair) => pair[0])) as number;
  const my = mean(pairs.map((pair) => pair[1])) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Rounds to `decimals` places. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

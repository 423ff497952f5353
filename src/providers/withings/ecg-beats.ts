/**
 * Heart rate from an ECG trace: R peaks, then 60 / the median RR interval. Dividing the beat count
 * by the whole recording undercounts whenever part of the trace has no detectable beats — the
 * recorded ECG heart_get_ecg_signal_1.json (device heart rate 72) has a low-amplitude first 6.5 s
 * with none: 16 beats / 20 s gave 48 bpm, while its median RR of 0.838 s gives 72. The median also
 * ignores a missed beat (one long interval) or a doubled one (one short interval).
 */

/** R peaks: sample indexes of local maxima above 60 % of the trace's maximum, at least 250 ms apart. */
export function rPeaks(samples: readonly number[], frequency: number): number[] {
  if (samples.length === 0 || frequency <= 0) return [];
  let highest = -Infinity;
  for (const value of samples) if (value > highest) highest = value;
  const threshold = 0.6 * highest;
  const refractory = Math.round(frequency * 0.25);
  const peaks: number[] = [];
  let last = -refractory;
  for (let index = 1; index < samples.length - 1; index++) {
    const value = samples[index] as number;
    if (value >= threshold && value >= (samples[index - 1] as number) && value >= (samples[index + 1] as number) && index - last >= refractory) {
      peaks.push(index);
      last = index;
    }
  }
  return peaks;
}

/** 60 / median RR interval (s), rounded; null with fewer than two beats. */
export function heartRateFromPeaks(peaks: readonly number[], frequency: number): number | null {
  if (peaks.length < 2 || frequency <= 0) return null;
  const intervals = peaks.slice(1).map((peak, index) => (peak - (peaks[index] as number)) / frequency).sort((a, b) => a - b);
  const middle = intervals.length / 2;
  const median = intervals.length % 2 === 1 ? (intervals[Math.floor(middle)] as number) : ((intervals[middle - 1] as number) + (intervals[middle] as number)) / 2;
  return median > 0 ? Math.round(60 / median) : null;
}

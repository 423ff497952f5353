/** Small helpers of the Withings simulator: ids, time zones, epoch seconds, device identities. */
import { hashString } from '../prng.js';

/** A stable positive 31-bit integer id for `(seed, ...labels)` (Withings ids are integers). */
export function intId(seed: number, ...labels: Array<string | number>): number {
  return (hashString(`${seed}|withings|${labels.join('|')}`) % 2_000_000_000) + 1;
}

/** A stable 40-hex device id for `(seed, label)`. */
export function deviceHash(seed: number, label: string): string {
  let out = '';
  for (let part = 0; out.length < 40; part++) out += hashString(`${seed}|device|${label}|${part}`).toString(16).padStart(8, '0');
  return out.slice(0, 40);
}

/**
 * An IANA zone with the given fixed offset (`Etc/GMT+5` is UTC−05:00: POSIX sign). Whole hours
 * only; other offsets fall back to UTC.
 */
export function zoneForOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0 || offsetMinutes % 60 !== 0) return 'UTC';
  const hours = Math.abs(offsetMinutes / 60);
  return `Etc/GMT${offsetMinutes < 0 ? '+' : '-'}${hours}`;
}

/** Epoch seconds of epoch milliseconds. */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The devices of the synthetic person's Withings account. */
export const DEVICES = {
  scale: { type: 'Scale', model: 'Body Cardio', modelId: 6 },
  bpm: { type: 'Blood Pressure Monitor', model: 'BPM Core', modelId: 44 },
  watch: { type: 'Activity Tracker', model: 'ScanWatch', modelId: 93 },
  sleep: { type: 'Sleep Monitor', model: 'Aura Sensor V2', modelId: 63 },
} as const;

export type DeviceKey = keyof typeof DEVICES;

/** A simulated Withings document: its JSON, when it became visible and when it last changed. */
export interface SimDocument<T = Record<string, unknown>> {
  json: T;
  availableAtMs: number;
  modifiedMs: number;
  deleted?: boolean;
}

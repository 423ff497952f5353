/**
 * ECG and stethoscope recordings from the BPM Core. An ECG is 30 s at 500 Hz (the spec's
 * sampling frequency) in µV: per beat a P wave, QRS complex and T wave (Gaussian bumps), plus
 * breathing baseline wander and noise, at the session's heart rate. Stethoscope sounds are
 * 8 s at 4 kHz, A-law (G.711) encoded, with S1/S2 bursts per beat.
 */
import type { DayTruth, SyntheticPerson } from '../person.js';
import { rngFor } from '../prng.js';
import { MINUTE_MS } from '../time.js';
import { DEVICES, deviceHash, intId, seconds, zoneForOffset, type SimDocument } from './common.js';
import { ecgInstant, isEcgDay } from './measures.js';

export const ECG_SAMPLING_HZ = 500;
export const ECG_SECONDS = 30;
export const STETHO_HZ = 4000;
export const STETHO_SECONDS = 8;

/** A recording: its list entry and what `get` answers for its signal id. */
export interface Recording {
  signalId: number;
  list: SimDocument;
  /** Builds the `get` body lazily (signals are large). */
  signal: () => Record<string, unknown>;
}

function ecgHeartRate(person: SyntheticPerson, day: DayTruth): number {
  return Math.round(day.restingHrBpm + 14 + rngFor(person.seed, 'ecg-hr', day.day).int(-4, 6));
}

/** ECG waveform in µV (integers). */
export function ecgWaveform(seed: number, heartRate: number): number[] {
  const rng = rngFor(seed, 'ecg-wave', heartRate);
  const samples = ECG_SAMPLING_HZ * ECG_SECONDS;
  const beat = 60 / heartRate;
  const waves = [
    { at: -0.2, width: 0.025, amplitude: 120 },
    { at: -0.03, width: 0.008, amplitude: -90 },
    { at: 0, width: 0.01, amplitude: 1100 },
    { at: 0.03, width: 0.009, amplitude: -220 },
    { at: 0.25, width: 0.045, amplitude: 260 },
  ];
  const beats: number[] = [];
  for (let t = 0.35; t < ECG_SECONDS + 1; t += beat * (1 + rng.normal(0, 0.02))) beats.push(t);
  const out = new Array<number>(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / ECG_SAMPLING_HZ;
    let value = 40 * Math.sin(2 * Math.PI * 0.25 * t) + rng.normal(0, 8);
    for (const r of beats) {
      if (Math.abs(t - r) > 0.5) continue;
      for (const wave of waves) value += wave.amplitude * Math.exp(-((t - r - wave.at) ** 2) / (2 * wave.width ** 2));
    }
    out[i] = Math.round(value);
  }
  return out;
}

/** G.711 A-law encoding of a 16-bit PCM sample. */
export function alawEncode(pcm: number): number {
  let sample = Math.max(-32768, Math.min(32767, Math.round(pcm))) >> 3;
  let mask = 0xd5;
  if (sample < 0) {
    mask = 0x55;
    sample = -sample - 1;
  }
  let segment = 0;
  while (segment < 8 && sample > (0x1f << segment)) segment++;
  const value = segment >= 8 ? 0x7f : (segment << 4) | ((sample >> (segment === 0 ? 1 : segment)) & 0x0f);
  return (value ^ mask) & 0xff;
}

function stethoSignal(seed: number, heartRate: number): number[] {
  const rng = rngFor(seed, 'stetho-wave', heartRate);
  const beat = 60 / heartRate;
  const out: number[] = [];
  for (let i = 0; i < STETHO_HZ * STETHO_SECONDS; i++) {
    const t = i / STETHO_HZ;
    const phase = t % beat;
    const s1 = phase < 0.1 ? Math.sin(2 * Math.PI * 60 * phase) * Math.exp(-phase * 30) * 9000 : 0;
    const s2Phase = phase - 0.32;
    const s2 = s2Phase > 0 && s2Phase < 0.08 ? Math.sin(2 * Math.PI * 90 * s2Phase) * Math.exp(-s2Phase * 40) * 6000 : 0;
    out.push(alawEncode(s1 + s2 + rng.normal(0, 200)));
  }
  return out;
}

/** The ECG recordings (every ECG session) and stethoscope recordings (every other ECG session). */
export function buildRecordings(person: SyntheticPerson): { heart: Recording[]; stetho: Recording[] } {
  const heart: Recording[] = [];
  const stetho: Recording[] = [];
  let session = 0;
  for (const day of person.days()) {
    if (!isEcgDay(person, day)) continue;
    const at = ecgInstant(person, day);
    const heartRate = ecgHeartRate(person, day);
    const signalId = intId(person.seed, 'ecg', day.day);
    const modified = seconds(at) + 120;
    heart.push({
      signalId,
      list: {
        json: {
          deviceid: deviceHash(person.seed, 'bpm'),
          model: DEVICES.bpm.modelId,
          ecg: { signalid: signalId, afib: 0 },
          bloodpressure: { diastole: 76 + (session % 5), systole: 119 + (session % 7) },
          heart_rate: heartRate,
          modified,
          timestamp: seconds(at),
        },
        availableAtMs: at + 2 * MINUTE_MS,
        modifiedMs: modified * 1000,
      },
      signal: () => ({ signal: ecgWaveform(signalId, heartRate), sampling_frequency: ECG_SAMPLING_HZ, wearposition: 3, model: DEVICES.bpm.modelId, heart_rate: heartRate }),
    });
    if (session % 2 === 0) {
      const stethoId = intId(person.seed, 'stetho', day.day);
      stetho.push({
        signalId: stethoId,
        list: {
          json: { hash_deviceid: deviceHash(person.seed, 'bpm'), signalid: stethoId, vhd: 0, timestamp: seconds(at) + 90, timezone: zoneForOffset(day.offsetMinutes) },
          availableAtMs: at + 3 * MINUTE_MS,
          modifiedMs: (seconds(at) + 150) * 1000,
        },
        signal: () => {
          const signal = stethoSignal(stethoId, heartRate);
          return { signal, frequency: STETHO_HZ, duration: STETHO_SECONDS, format: 1, size: signal.length, resolution: 8, channel: 1, model: DEVICES.bpm.modelId, position: 15, vhd: 0 };
        },
      });
    }
    session++;
  }
  return { heart, stetho };
}

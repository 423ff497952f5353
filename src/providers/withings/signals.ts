/**
 * ECG (`v2/heart get`) and stethoscope (`v2/stetho get`) signals, fetched on demand (never
 * synced into the store: a 30-second ECG is 15,000 samples) and summarized for tools: duration,
 * sampling frequency, amplitude range, beats found in the trace, and a small peak-preserving
 * preview. The full signal is for MCP resources and exports only.
 */
import { WearablesError } from '../../core/errors.js';
import type { FetchContext, SignalReader } from '../provider.js';
import { callWithings, type WithingsApi } from './api.js';
import { WITHINGS_SERVICES } from './resources.js';
import { heartSignalSchema, stethoSignalSchema } from './schema.js';
import { heartRateFromPeaks, rPeaks } from './ecg-beats.js';

export interface WithingsSignal {
  kind: 'ecg' | 'stetho';
  signalId: number;
  /** Samples as sent: µV for ECG, A-law (G.711) codes for the stethoscope. */
  samples: number[];
  samplingFrequencyHz: number;
  /** Average heart rate the device reported (ECG), else null. */
  heartRateBpm: number | null;
  deviceModelId: number | null;
  /** Position code (ECG `wearposition`, stetho `position`). */
  position: number | null;
  /** Stethoscope valvular heart disease flag. */
  vhd: number | null;
}

/** The signal calls of the Withings provider (the provider declares them as `signals`: `withingsSignalReader`). */
export interface WithingsSignals {
  heart(signalId: number, context: FetchContext): Promise<WithingsSignal>;
  stetho(signalId: number, context: FetchContext): Promise<WithingsSignal>;
}

/** Builds the signal calls over the provider's API handle. */
export function createWithingsSignals(api: WithingsApi): WithingsSignals {
  return {
    async heart(signalId, context) {
      const body = await callWithings(api, WITHINGS_SERVICES.heartGet, { signalid: signalId }, context);
      const parsed = heartSignalSchema.safeParse(body);
      if (!parsed.success) throw malformedSignal('ECG');
      const signal = parsed.data;
      return {
        kind: 'ecg',
        signalId,
        samples: signal.signal,
        samplingFrequencyHz: signal.sampling_frequency,
        heartRateBpm: signal.heart_rate ?? null,
        deviceModelId: signal.model ?? null,
        position: signal.wearposition ?? null,
        vhd: null,
      };
    },
    async stetho(signalId, context) {
      const body = await callWithings(api, WITHINGS_SERVICES.stethoGet, { signalid: signalId }, context);
      const parsed = stethoSignalSchema.safeParse(body);
      if (!parsed.success) throw malformedSignal('stethoscope');
      const signal = parsed.data;
      return {
        kind: 'stetho',
        signalId,
        samples: signal.signal,
        samplingFrequencyHz: signal.frequency,
        heartRateBpm: null,
        deviceModelId: signal.model ?? null,
        position: signal.position ?? null,
        vhd: signal.vhd ?? null,
      };
    },
  };
}

function malformedSignal(kind: string): WearablesError {
  return new WearablesError('UPSTREAM_ERROR', `Withings answered the ${kind} signal with an unexpected shape.`, {
    hint: 'Retry later; if it persists, report it.',
    isRetryable: true,
  });
}

export interface SignalSummary {
  duration_seconds: number;
  sampling_frequency_hz: number;
  sample_count: number;
  min: number | null;
  max: number | null;
  /** Beats found in the trace (ECG R peaks) and the heart rate their median RR interval implies. */
  beats_detected: number | null;
  heart_rate_from_trace_bpm: number | null;
  /** `points` values, each the largest-magnitude sample of its slice (keeps R peaks visible). */
  preview: number[];
  preview_seconds_per_point: number;
}

/** Summarizes a signal for a model's context (pure). */
export function summarizeSignal(signal: WithingsSignal, points = 60): SignalSummary {
  const { samples, samplingFrequencyHz: frequency } = signal;
  const count = samples.length;
  const duration = frequency > 0 ? count / frequency : 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const value of samples) {
    if (min === null || value < min) min = value;
    if (max === null || value > max) max = value;
  }
  const size = Math.max(1, Math.ceil(count / points));
  const preview: number[] = [];
  for (let start = 0; start < count; start += size) {
    let pick = samples[start] as number;
    for (let index = start; index < Math.min(count, start + size); index++) {
      const value = samples[index] as number;
      if (Math.abs(value) > Math.abs(pick)) pick = value;
    }
    preview.push(pick);
  }
  const peaks = signal.kind === 'ecg' ? rPeaks(samples, frequency) : null;
  return {
    duration_seconds: Math.round(duration * 10) / 10,
    sampling_frequency_hz: frequency,
    sample_count: count,
    min,
    max,
    beats_detected: peaks ? peaks.length : null,
    heart_rate_from_trace_bpm: peaks ? heartRateFromPeaks(peaks, frequency) : null,
    preview,
    preview_seconds_per_point: frequency > 0 ? Math.round((size / frequency) * 1000) / 1000 : 0,
  };
}

/** The signal calls as the seam's declared capability (`Provider.signals`: kinds `heart`, `stetho`). */
export function withingsSignalReader(signals: WithingsSignals): SignalReader<WithingsSignal> {
  return {
    kinds: ['heart', 'stetho'],
    read(kind, signalId, context) {
      if (kind === 'heart') return signals.heart(signalId, context);
      if (kind === 'stetho') return signals.stetho(signalId, context);
      return Promise.reject(new WearablesError('VALIDATION_ERROR', `No Withings signal kind "${kind.slice(0, 40)}".`, { hint: 'Use heart or stetho.' }));
    },
  };
}

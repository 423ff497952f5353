/**
 * `get_withings_heart_signal` and `get_withings_stetho_signal`: a summary of one recording's
 * signal (duration, sampling frequency, classification, heart rate, a 60-point peak-preserving
 * preview). The waveform itself never enters the model's context: it is offered as the MCP
 * resource named in `full_signal_resource`.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { SignalReader } from '../../provider.js';
import { summarizeSignal, type WithingsSignal } from '../signals.js';
import type { ToolServices } from '../../../mcp/tools/tool-services.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { nullableNumber } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, str } from './withings-common.js';
import { narrowRow } from '../../../store/kind-rows.js';

const input = z.object({ signal_id: z.number().int().positive().describe('From list_withings_heart_records / list_withings_stetho_records.') });

const summaryShape = {
  source: z.literal('withings'),
  signal_id: z.number(),
  kind: z.enum(['ecg', 'stetho']),
  recorded_at: z.string().nullable().describe('From the cached recording list, when synced.'),
  classification: z.string().nullable().describe('ECG AFib result (negative, positive, inconclusive, ...).'),
  heart_rate_bpm: nullableNumber.describe('Average the device reported.'),
  heart_rate_from_trace_bpm: nullableNumber.describe('From the beats found in the trace (ECG).'),
  duration_seconds: z.number(),
  sampling_frequency_hz: z.number(),
  sample_count: z.number().int(),
  unit: z.string().describe('µV for ECG; A-law (G.711) codes for the stethoscope.'),
  min: nullableNumber,
  max: nullableNumber,
  preview: z.array(z.number()).describe('Downsampled trace: the largest-magnitude sample of each slice.'),
  preview_seconds_per_point: z.number(),
  full_signal_resource: z.string().describe('Read this MCP resource for every sample.'),
};

/** Fetches a signal with the registered Withings provider, or says why it cannot. */
export async function fetchSignal(app: ToolServices, kind: 'heart' | 'stetho', signalId: number, abort?: AbortSignal): Promise<WithingsSignal> {
  // The provider declares the capability; its own tools know the shape of what it reads.
  const signals = app.providers.get('withings')?.signals as SignalReader<WithingsSignal> | undefined;
  if (!signals?.kinds.includes(kind)) throw new WearablesError('NOT_CONNECTED', 'The Withings provider is not configured on this server.', { hint: 'Use get_auth_status.' });
  if (!(await app.tokens.isConnected('withings'))) {
    throw new WearablesError('NOT_CONNECTED', 'Withings is not connected, so the signal cannot be fetched.', { hint: 'Run `wearables-mcp connect withings` first.' });
  }
  const fetchContext = { http: app.http('withings'), ...(abort ? { signal: abort } : {}) };
  return signals.read(kind, signalId, fetchContext);
}

function defineSignalTool(kind: 'heart' | 'stetho') {
  const ecg = kind === 'heart';
  return defineTool({
    name: ecg ? 'get_withings_heart_signal' : 'get_withings_stetho_signal',
    title: ecg ? 'Withings ECG signal summary' : 'Withings stethoscope signal summary',
    description: ecg
      ? 'Summary of one Withings ECG: duration, sampling frequency, AFib classification, heart rate and a 60-point preview. The full waveform is the MCP resource in full_signal_resource.'
      : 'Summary of one Withings stethoscope recording: duration, sampling frequency, valvular flag and a 60-point preview. The full sound is the MCP resource in full_signal_resource.',
    toolset: 'withings',
    provider: 'withings',
    annotations: WITHINGS_READ_HINTS,
    input,
    output: z.object(summaryShape),
    budgetBytes: 2_000,
    async handle({ signal_id: signalId }, context) {
      const signal = await fetchSignal(context.app, kind, signalId, context.signal);
      const summary = summarizeSignal(signal);
      const listed = narrowRow('signal_recording', await context.app.store.getRecord('withings', ecg ? WITHINGS.heartRecords : WITHINGS.stethoRecords, String(signalId)));
      return {
        source: 'withings' as const,
        signal_id: signalId,
        kind: signal.kind,
        recorded_at: listed?.start ?? null,
        classification: listed ? (ecg ? str(listed, 'classification') : num(listed, 'vhd') === null ? null : `vhd_${num(listed, 'vhd')}`) : null,
        heart_rate_bpm: signal.heartRateBpm ?? (listed ? num(listed, 'heart_rate_bpm') : null),
        heart_rate_from_trace_bpm: summary.heart_rate_from_trace_bpm,
        duration_seconds: summary.duration_seconds,
        sampling_frequency_hz: summary.sampling_frequency_hz,
        sample_count: summary.sample_count,
        unit: ecg ? 'µV' : 'A-law (G.711) code',
        min: summary.min,
        max: summary.max,
        preview: summary.preview,
        preview_seconds_per_point: summary.preview_seconds_per_point,
        full_signal_resource: `wearables://withings/${kind}/${signalId}`,
      };
    },
  });
}

export const getWithingsHeartSignal = defineSignalTool('heart');
export const getWithingsStethoSignal = defineSignalTool('stetho');

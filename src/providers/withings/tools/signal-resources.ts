/**
 * `wearables://withings/heart/{signalid}` and `wearables://withings/stetho/{signalid}`: the full
 * signal of one recording as JSON (every sample), for clients that want the waveform itself. The
 * signal tools only return a summary; this is where the samples are.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { ToolServices } from '../../../mcp/tools/tool-services.js';
import { WearablesError } from '../../../core/errors.js';
import { fetchSignal } from './get-withings-signal.js';
import { guardedRead, quoted, variable } from '../../../mcp/resources/resource-support.js';

/** Registers the Withings signal templates (only when the Withings provider is configured). */
export function registerWithingsSignals(server: McpServer, context: ToolServices): void {
  if (!context.providers.has('withings')) return;
  for (const kind of ['heart', 'stetho'] as const) {
    server.registerResource(
      `withings-${kind}-signal`,
      new ResourceTemplate(`wearables://withings/${kind}/{signalid}`, { list: undefined }),
      {
        title: kind === 'heart' ? 'Withings ECG signal' : 'Withings stethoscope signal',
        description:
          kind === 'heart'
            ? 'Every sample of one Withings ECG (µV) with its sampling frequency. Large: prefer get_withings_heart_signal for a summary.'
            : 'Every sample of one Withings stethoscope recording (A-law codes) with its frequency. Large: prefer get_withings_stetho_signal.',
        mimeType: 'application/json',
      },
      (uri, variables) =>
        guardedRead(async () => {
          const raw = variable(variables, 'signalid');
          const signalId = Number(raw);
          if (!/^\d+$/.test(raw) || !Number.isSafeInteger(signalId) || signalId <= 0) {
            throw new WearablesError('VALIDATION_ERROR', `${quoted(raw)} is not a Withings signal id.`, {
              hint: `Use a signal_id from list_withings_${kind}_records.`,
            });
          }
          const signal = await fetchSignal(context, kind, signalId);
          const body = {
            provider: 'withings',
            kind: signal.kind,
            signal_id: signal.signalId,
            sampling_frequency_hz: signal.samplingFrequencyHz,
            unit: signal.kind === 'ecg' ? 'µV' : 'A-law (G.711) code',
            heart_rate_bpm: signal.heartRateBpm,
            samples: signal.samples,
          };
          return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body) }] };
        }),
    );
  }
}

/** `get_withings_devices`: the devices linked to the Withings account. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readSnapshotRecords } from '../../../mcp/tools/shared/cached-read.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, str } from './withings-common.js';

const deviceSchema = z.object({
  source: z.literal('withings'),
  id: z.string().describe('Hashed device id.'),
  type: z.string().nullable().describe('Scale, Blood Pressure Monitor, Activity Tracker, Sleep Monitor, ...'),
  model: z.string().nullable(),
  battery: z.string().nullable(),
  firmware: z.string().nullable(),
  last_session: z.string().nullable().describe('Last sync (ISO-8601 UTC).'),
});

export const getWithingsDevices = defineTool({
  name: 'get_withings_devices',
  title: 'Withings devices',
  description: 'Devices linked to the Withings account: type, model, battery level, firmware and last sync.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object({ fresh: z.boolean().optional().describe('Fetch the list from Withings now. Default false (cache-first).') }),
  output: z.object({ cached_at: z.string().nullable(), warnings: z.array(z.string()), devices: z.array(deviceSchema) }),
  async handle(input, context) {
    const { records, note } = await readSnapshotRecords(context, { provider: 'withings', resource: WITHINGS.devices, kind: 'device', fresh: input.fresh ?? false });
    return {
      cached_at: records[0]?.storedAt ?? null,
      warnings: note.warnings,
      devices: records.map((record) => ({
        source: 'withings' as const,
        id: record.id,
        type: str(record, 'type'),
        model: str(record, 'model') ?? (num(record, 'model_id') === null ? null : `model ${num(record, 'model_id')}`),
        battery: str(record, 'battery'),
        firmware: str(record, 'firmware'),
        last_session: str(record, 'last_session'),
      })),
    };
  },
});

/** `get_oura_ring_info`: ring hardware (ring_configuration) and rest mode periods. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readDayRecords, readMeta, readSnapshotRecords } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput } from './oura-common.js';

const ringSchema = z.object({
  day: z.null().describe('Ring configuration has no day.'),
  source: z.literal('oura'),
  id: z.string(),
  hardware_type: z.string().nullable(),
  color: z.string().nullable(),
  design: z.string().nullable(),
  size: nullableNumber,
  firmware_version: z.string().nullable(),
  set_up_at: z.string().nullable(),
});
const restModeSchema = z.object({
  day: z.string().describe('First day of the rest mode period.'),
  source: z.literal('oura'),
  id: z.string(),
  start_day: z.string().nullable(),
  end_day: z.string().nullable().describe('Null while rest mode is still on.'),
  start: z.string().nullable(),
  end: z.string().nullable(),
});

export const getOuraRingInfo = defineTool({
  name: 'get_oura_ring_info',
  title: 'Oura ring and rest mode',
  description: 'The Oura ring(s) (hardware generation, size, color, firmware, setup date) and rest mode periods in a local day range.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, rings: z.array(ringSchema), rest_mode_periods: z.array(restModeSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const rings = await readSnapshotRecords(context, { provider: 'oura', resource: OURA.ringConfiguration, kind: 'device', fresh });
    const rest = await readDayRecords(context, { provider: 'oura', resource: OURA.restModePeriod, kind: 'annotation', range, fresh });
    return {
      ...readMeta(range, mergeNotes([rings.note, rest.note], fresh), [...rings.records, ...rest.records]),
      rings: rings.records.map((record) => ({
        day: null,
        source: 'oura' as const,
        id: record.id,
        hardware_type: record.data.hardware_type ?? null,
        color: record.data.color ?? null,
        design: record.data.design ?? null,
        size: record.data.size ?? null,
        firmware_version: record.data.firmware_version ?? null,
        set_up_at: record.data.set_up_at ?? null,
      })),
      rest_mode_periods: rest.records.map((record) => ({
        day: record.day ?? '',
        source: 'oura' as const,
        id: record.id,
        // A rest-mode period is filed on its start day.
        start_day: record.day,
        end_day: record.data.end_day ?? null,
        start: record.start,
        end: record.end,
      })),
    };
  },
});

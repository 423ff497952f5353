/** `get_oura_sessions`: guided/unguided sessions (meditation, breathing, rest) per local day. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

const rowSchema = z.object({
  ...rowBaseShape,
  type: z.string().nullable().describe('breathing, meditation, nap, relaxation, rest, body_status'),
  mood: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  duration_seconds: nullableNumber,
  average_heart_rate_bpm: nullableNumber,
  average_hrv_ms: nullableNumber,
});

export const getOuraSessions = defineTool({
  name: 'get_oura_sessions',
  title: 'Oura sessions',
  description: 'Oura sessions (meditation, breathing, relaxation, naps) in a local day range with duration, mood and average heart rate/HRV.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, sessions: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.session, kind: 'session', range, fresh });
    const sessions = records.map((record) => {
      const { start, end } = record;
      return {
        ...rowBase(record),
        type: record.data.session_type,
        mood: record.data.mood,
        start,
        end,
        duration_seconds: start && end ? Math.round((Date.parse(end) - Date.parse(start)) / 1000) : null,
        average_heart_rate_bpm: record.data.average_heart_rate_bpm,
        average_hrv_ms: record.data.average_hrv_ms,
      };
    });
    return { ...readMeta(range, note, records), sessions };
  },
});

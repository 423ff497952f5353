/** `get_oura_sleep_detailed`: every sleep period with stages, latency and HR/HRV averages. */
import { z } from 'zod';
import { DEFAULT_BUDGET_BYTES } from '../../../mcp/response.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { offsetInput } from '../../../mcp/tools/shared/inputs.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';
import { normalizeSleepSeries } from '../normalize-sleep-series.js';
import { sleepPeriodFields, sleepPeriodShape } from './sleep-period.js';

const BUDGET_BYTES = 9_000;

const seriesSchema = z
  .object({
    interval_seconds: z.number(),
    start: z.string().nullable(),
    heart_rate_bpm: z.array(z.number().nullable()),
    hrv_ms: z.array(z.number().nullable()),
  })
  .nullable()
  .optional()
  .describe('5-minute heart rate / HRV series (include_series), null when left out to fit the budget.');

const rowSchema = z.object({ ...rowBaseShape, ...sleepPeriodShape, series: seriesSchema });

export const getOuraSleepDetailed = defineTool({
  name: 'get_oura_sleep_detailed',
  title: 'Oura sleep periods (detailed)',
  description:
    'Every Oura sleep period (main sleep, naps, rest) with stage durations, latency, efficiency and heart rate/HRV averages. 5-minute HR/HRV series only with include_series (best for one or two nights). Pages with limit/offset.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  budgetBytes: BUDGET_BYTES,
  truncationHint: 'Pass offset=next_offset for the next periods, or ask for fewer days.',
  input: z.object({
    ...ouraRangeInput,
    include_series: z.boolean().optional().describe('Add the 5-minute heart rate and HRV series (default false).'),
    limit: z.number().int().min(1).max(100).optional().describe('Periods per answer (default 30).'),
    offset: offsetInput().optional().describe('Periods to skip (paging).'),
  }),
  output: z.object({ ...readMetaShape, total: z.number().int(), offset: z.number().int(), periods: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.sleep, kind: 'sleep_period', range, fresh });
    const offset = input.offset ?? 0;
    const page = records.slice(offset, offset + (input.limit ?? 30));
    let seriesBytes = 0;
    let omitted = 0;
    const periods = page.map((record) => {
      const row = { ...rowBase(record), ...sleepPeriodFields(record) };
      if (!input.include_series) return row;
      const series = normalizeSleepSeries(record.raw);
      seriesBytes += JSON.stringify(series).length;
      if (seriesBytes > DEFAULT_BUDGET_BYTES) {
        omitted += 1;
        return { ...row, series: null };
      }
      return { ...row, series };
    });
    if (omitted > 0) {
      note.warnings.push(`5-minute series left out for ${omitted} period(s) to fit; ask for one night at a time to see them.`);
    }
    if (offset + page.length < records.length) {
      note.warnings.push(`Showing periods ${offset + 1}-${offset + page.length} of ${records.length}; pass offset=${offset + page.length} for more.`);
    }
    return { ...readMeta(range, note, records), total: records.length, offset, periods };
  },
});

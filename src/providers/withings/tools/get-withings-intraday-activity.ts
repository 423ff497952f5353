/**
 * `get_withings_intraday_activity`: steps and heart rate through the day, summarized per hour
 * (Withings serves at most 24 hours a request; the sync engine cuts the range into days).
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readMeta, syncWindow } from '../../../mcp/tools/shared/cached-read.js';
import { dateRangeShape, daysInclusive, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS } from './withings-common.js';
import { addDays } from '../../../core/time/days.js';
import { localDayStartMs, localIso, SERVER_ZONE } from '../../../core/time/zones.js';

const MAX_DAYS = 7;
const HOUR = 3_600_000;

const hourSchema = z.object({
  start: z.string().describe('Local hour start.'),
  steps: z.number().describe('Steps in the hour.'),
  heart_rate_avg_bpm: z.number().nullable(),
  heart_rate_min_bpm: z.number().nullable(),
  heart_rate_max_bpm: z.number().nullable(),
});

export const getWithingsIntradayActivity = defineTool({
  name: 'get_withings_intraday_activity',
  title: 'Withings intraday activity',
  description: `Withings steps and heart rate through the day, per hour (at most ${MAX_DAYS} days per call). Default: the last 7 days.`,
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, source: z.literal('withings'), hours: z.array(hourSchema) }),
  budgetBytes: 12_000,
  async handle(input, context) {
    const now = context.app.now();
    const range = resolveDayRange({ ...input, start_date: input.start_date ?? input.end_date ?? undefined }, now);
    if (daysInclusive(range) > MAX_DAYS) {
      throw new WearablesError('VALIDATION_ERROR', `Intraday activity covers at most ${MAX_DAYS} days per call.`, {
        hint: 'Ask for fewer days, or use get_withings_activity for daily totals.',
      });
    }
    const fresh = input.fresh ?? false;
    const notes = [];
    for (const resource of [WITHINGS.intradaySteps, WITHINGS.intradayHeartRate]) notes.push(await syncWindow(context, { provider: 'withings', resource, range, fresh }));
    const start = localDayStartMs(range.startDay, SERVER_ZONE);
    const end = localDayStartMs(addDays(range.endDay, 1), SERVER_ZONE);
    const [steps, heart] = await Promise.all(
      ['steps', 'heart_rate'].map((series) => context.app.store.aggregateSamples({ provider: 'withings', series, start, end, bucketMs: HOUR })),
    );
    const hours = new Map<number, z.infer<typeof hourSchema>>();
    const hour = (at: number) => hours.get(at) ?? { start: localIso(at, SERVER_ZONE), steps: 0, heart_rate_avg_bpm: null, heart_rate_min_bpm: null, heart_rate_max_bpm: null };
    for (const bucket of steps ?? []) hours.set(bucket.start, { ...hour(bucket.start), steps: Math.round(bucket.avg * bucket.count) });
    for (const bucket of heart ?? []) {
      hours.set(bucket.start, { ...hour(bucket.start), heart_rate_avg_bpm: Math.round(bucket.avg), heart_rate_min_bpm: bucket.min, heart_rate_max_bpm: bucket.max });
    }
    const sorted = [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
    return { ...readMeta(range, mergeNotes(notes, fresh), [], null), source: 'withings' as const, hours: sorted };
  },
});

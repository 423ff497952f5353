/** `get_oura_readiness_score`: daily readiness score, temperature deviation and contributors. */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { readDayRecords, readMeta } from '../shared/cached-read.js';
import { resolveDayRange } from '../shared/dates.js';
import { numberField, numberMapField } from '../shared/fields.js';
import { nullableNumber, readMetaShape } from '../shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

const rowSchema = z.object({
  ...rowBaseShape,
  score: nullableNumber.describe('Readiness score 0-100.'),
  temperature_deviation_c: nullableNumber.describe('Body temperature deviation from baseline, °C.'),
  temperature_trend_deviation_c: nullableNumber,
  contributors: z.record(z.string(), z.number()).nullable().describe('Contributor scores 0-100.'),
});

export const getOuraReadinessScore = defineTool({
  name: 'get_oura_readiness_score',
  title: 'Oura readiness',
  description:
    'Daily Oura readiness score (0-100) per local day with temperature deviation and contributor scores (HRV balance, resting heart rate, recovery ...).',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, days: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.dailyReadiness, range, fresh });
    const days = records.map((record) => ({
      ...rowBase(record),
      score: numberField(record, 'score'),
      temperature_deviation_c: numberField(record, 'temperature_deviation_c', 'temperature_deviation'),
      temperature_trend_deviation_c: numberField(record, 'temperature_trend_deviation_c', 'temperature_trend_deviation'),
      contributors: numberMapField(record, 'contributors'),
    }));
    return { ...readMeta(range, note, records), days };
  },
});

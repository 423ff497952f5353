/** `get_oura_readiness_score`: daily readiness score, temperature deviation and contributors. */
import { z } from 'zod';
import { numberField, numberMapField } from '../shared/fields.js';
import { nullableNumber } from '../shared/schemas.js';
import { defineOuraDailyTool } from './daily-tool.js';
import { OURA } from './oura-common.js';

export const getOuraReadinessScore = defineOuraDailyTool({
  name: 'get_oura_readiness_score',
  title: 'Oura readiness',
  description:
    'Daily Oura readiness score (0-100) per local day with temperature deviation and contributor scores (HRV balance, resting heart rate, recovery ...).',
  resource: OURA.dailyReadiness,
  fields: {
    score: nullableNumber.describe('Readiness score 0-100.'),
    temperature_deviation_c: nullableNumber.describe('Body temperature deviation from baseline, °C.'),
    temperature_trend_deviation_c: nullableNumber,
    contributors: z.record(z.string(), z.number()).nullable().describe('Contributor scores 0-100.'),
  },
  toFields: (record) => ({
    score: numberField(record, 'score'),
    temperature_deviation_c: numberField(record, 'temperature_deviation_c', 'temperature_deviation'),
    temperature_trend_deviation_c: numberField(record, 'temperature_trend_deviation_c', 'temperature_trend_deviation'),
    contributors: numberMapField(record, 'contributors'),
  }),
});

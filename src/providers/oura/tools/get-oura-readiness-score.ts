/** `get_oura_readiness_score`: daily readiness score, temperature deviation and contributors. */
import type { StoredRecord } from '../../../store/store.js';
import type { Column } from '../../../mcp/tools/shared/day-table.js';
import { numberField, numberMapField } from '../../../mcp/tools/shared/fields.js';
import { defineOuraDailyTool, numberColumn } from './daily-tool.js';
import { OURA } from './oura-common.js';

/** One column per contributor any record of the window has (`contributors.hrv_balance`, ...). */
function contributorColumns(records: readonly StoredRecord[]): Column<StoredRecord>[] {
  const names = [...new Set(records.flatMap((record) => Object.keys(numberMapField(record, 'contributors') ?? {})))].sort();
  return names.map((name) => numberColumn(`contributors.${name}`, 'score 0-100', (record) => numberMapField(record, 'contributors')?.[name] ?? null));
}

export const getOuraReadinessScore = defineOuraDailyTool({
  name: 'get_oura_readiness_score',
  title: 'Oura readiness',
  description:
    'Daily Oura readiness score (0-100) per local day as a table, with temperature deviation and contributor scores (HRV balance, resting heart rate, recovery ...). 30 days fit in one answer.',
  resource: OURA.dailyReadiness,
  columnsText: 'score, temperature_deviation_c, temperature_trend_deviation_c, contributors.<name> (one per contributor)',
  columns: [
    numberColumn('score', 'score 0-100', (record) => numberField(record, 'score')),
    numberColumn('temperature_deviation_c', '°C from baseline', (record) => numberField(record, 'temperature_deviation_c', 'temperature_deviation')),
    numberColumn('temperature_trend_deviation_c', '°C', (record) => numberField(record, 'temperature_trend_deviation_c', 'temperature_trend_deviation')),
  ],
  extraColumns: contributorColumns,
});

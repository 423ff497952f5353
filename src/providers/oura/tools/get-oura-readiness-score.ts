/** `get_oura_readiness_score`: daily readiness score, temperature deviation and contributors. */
import { contributorsOf } from '../../../core/records/daily-scores.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import type { Column } from '../../../mcp/tools/shared/day-table.js';
import { defineOuraDailyTool, fieldColumn, numberColumn } from './daily-tool.js';
import { OURA } from './oura-common.js';

type Readiness = StoredKindRecord<'daily_scores'>;

/** One column per contributor any record of the window has (`contributors.hrv_balance`, ...), from the normalized contributor fields. */
function contributorColumns(records: readonly Readiness[]): Column<Readiness>[] {
  const names = [...new Set(records.flatMap((record) => Object.keys(contributorsOf(record.data))))].sort();
  return names.map((name) => numberColumn(`contributors.${name}`, 'score 0-100', (record: Readiness) => contributorsOf(record.data)[name] ?? null));
}

export const getOuraReadinessScore = defineOuraDailyTool({
  name: 'get_oura_readiness_score',
  title: 'Oura readiness',
  description:
    'Daily Oura readiness score (0-100) per local day as a table, with temperature deviation and contributor scores (HRV balance, resting heart rate, recovery ...). 30 days fit in one answer.',
  resource: OURA.dailyReadiness,
  kind: 'daily_scores',
  columnsText: 'score, temperature_deviation_c, temperature_trend_deviation_c, contributors.<name> (one per contributor)',
  columns: [
    fieldColumn<'daily_scores'>('score', 'score 0-100'),
    fieldColumn<'daily_scores'>('temperature_deviation_c', '°C from baseline'),
    fieldColumn<'daily_scores'>('temperature_trend_deviation_c', '°C'),
  ],
  extraColumns: contributorColumns,
});

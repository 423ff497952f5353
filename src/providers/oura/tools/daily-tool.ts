/**
 * The shape of the Oura tools that list one daily document per local day (activity, readiness):
 * the usual range input, a cache-first read of the window, and a compact table: `day` first, then
 * the document's own columns, ids only with `include_ids`, the source and units once.
 */
import { z } from 'zod';
import type { NumberField, RecordDataByKind, RecordKind } from '../../../core/records/record.js';
import { numberIn } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool, type ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { buildDayTable, dayTableShape, includeIdsInput, type Column } from '../../../mcp/tools/shared/day-table.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA_READ_HINTS, ouraRangeInput } from './oura-common.js';

export interface OuraDailySpec<K extends RecordKind> {
  name: string;
  title: string;
  description: string;
  /** The Oura resource read (one of `OURA`) and the kind it declares. */
  resource: string;
  kind: K;
  /** The columns after `day` (fixed ones). */
  columns: readonly Column<StoredKindRecord<K>>[];
  /** Columns that depend on the records read (e.g. one per readiness contributor). */
  extraColumns?(records: readonly StoredKindRecord<K>[]): Column<StoredKindRecord<K>>[];
  /** The column list for the output schema's description. */
  columnsText: string;
}

const DAY: Column<{ day: string | null }> = { name: 'day', value: (record) => record.day ?? '' };
const ID: Column<{ id: string }> = { name: 'id', value: (record) => record.id };

/** Defines one Oura daily-document tool. */
export function defineOuraDailyTool<K extends RecordKind>(spec: OuraDailySpec<K>): ToolDefinition {
  const output = z.object({ ...readMetaShape, source: z.literal('oura'), ...dayTableShape(`day, ${spec.columnsText}[, id].`) });
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    toolset: 'oura',
    provider: 'oura',
    annotations: OURA_READ_HINTS,
    keyParameters: ['start_date', 'end_date', 'include_ids'],
    input: z.object({ ...ouraRangeInput, include_ids: includeIdsInput }),
    output,
    async handle(input, context) {
      const range = resolveDayRange(input, context.app.now());
      const fresh = input.fresh ?? false;
      const { records, note } = await readDayRecords(context, { provider: 'oura', resource: spec.resource, kind: spec.kind, range, fresh });
      const columns: Column<StoredKindRecord<K>>[] = [DAY, ...spec.columns, ...(spec.extraColumns?.(records) ?? []), ...(input.include_ids ? [ID] : [])];
      return { ...readMeta(range, note, records), source: 'oura' as const, ...buildDayTable(records, columns) };
    },
  });
}

/** A numeric column named `name` (with `unit`), read from a record by `read`. */
export function numberColumn<Row>(name: string, unit: string | undefined, read: (record: Row) => number | null): Column<Row> {
  return { name, ...(unit ? { unit } : {}), value: read };
}

/** A column of the numeric field `field` of kind `K`, named as the field. */
export function fieldColumn<K extends RecordKind>(field: NumberField<K>, unit: string | undefined): Column<StoredKindRecord<K>> {
  return numberColumn(field, unit, (record: StoredKindRecord<K>) => numberIn<RecordDataByKind[K]>(record.data, field));
}

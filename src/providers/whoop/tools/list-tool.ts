/**
 * The shape every WHOOP list tool shares: `start`/`end` (local days or instants), `limit`,
 * `fresh`; a cache-first read of the window; rows newest first; `total` and the usual
 * traceability fields. A tabular list answers a compact table (column names and source once;
 * id columns only with `include_ids`); one whose rows nest objects (workout zones) keeps objects.
 */
import { z } from 'zod';
import type { RecordKind } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool, type ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { dayTableShape, includeIdsInput, type Cell } from '../../../mcp/tools/shared/day-table.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { insideInstants, listInputShape, readWhoopDays, resolveListWindow, whoopReadTool } from './whoop-common.js';

const DEFAULT_LIMIT = 25;
/** Columns holding WHOOP ids (UUIDs cost ~40 bytes a row): shown only with `include_ids`. */
const ID_COLUMNS = new Set(['id', 'sleep_id']);

export interface WhoopListSpec<Row extends z.ZodObject, Field extends string, K extends RecordKind> {
  name: string;
  title: string;
  description: string;
  resource: string;
  /** The kind the resource declares. */
  recordKind: K;
  /** Name of the rows array in the answer (`cycles`, `sleeps`, ...) when not tabular. */
  field: Field;
  row: Row;
  toRow: (record: StoredKindRecord<K>) => z.infer<Row>;
  /** Answer a table (`columns`/`rows`) instead of one object per record. */
  tabular?: boolean;
}

/** The table of `rows` (flat row objects) over `columns`, with each cell as the row holds it. */
function tableOf(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]) {
  return { columns: [...columns], units: {}, rows: rows.map((row) => columns.map((column) => (row[column] ?? null) as Cell)) };
}

/** Defines one WHOOP list tool. */
export function defineWhoopListTool<Row extends z.ZodObject, Field extends string, K extends RecordKind>(spec: WhoopListSpec<Row, Field, K>): ToolDefinition {
  const allColumns = Object.keys(spec.row.shape).filter((key) => key !== 'source');
  const output = z.object({
    ...readMetaShape,
    total: z.number().int().describe('Records in the window before `limit`.'),
    ...(spec.tabular
      ? { source: z.literal('whoop'), ...dayTableShape(`${allColumns.filter((key) => !ID_COLUMNS.has(key)).join(', ')}[, ${allColumns.filter((key) => ID_COLUMNS.has(key)).join(', ')}] (ids with include_ids).`, 'newest first') }
      : { [spec.field]: z.array(spec.row) }),
  });
  const listInput = z.object({ ...listInputShape, include_ids: includeIdsInput });
  const input = spec.tabular ? listInput : listInput.omit({ include_ids: true });
  return defineTool({
    ...whoopReadTool(spec),
    input,
    output,
    budgetBytes: 12_000,
    truncationHint: 'The answer was cut to fit; narrow start/end or lower limit to see the rest.',
    async handle(input: z.output<typeof listInput>, context) {
      const window = resolveListWindow(input, context.app.now());
      const fresh = input.fresh ?? false;
      const { records, note } = await readWhoopDays(context, { resource: spec.resource, kind: spec.recordKind }, window.range, fresh);
      const inside = records.filter((record) => insideInstants(window, record));
      const rows = inside.slice(0, input.limit ?? DEFAULT_LIMIT).map((record) => spec.toRow(record) as Record<string, unknown>);
      const meta = { ...readMeta(window.range, note, inside), total: inside.length };
      if (!spec.tabular) return { ...meta, [spec.field]: rows } as z.input<typeof output>;
      const columns = allColumns.filter((key) => input.include_ids || !ID_COLUMNS.has(key));
      return { ...meta, source: 'whoop', ...tableOf(rows, columns) } as z.input<typeof output>;
    },
  });
}

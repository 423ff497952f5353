/**
 * The shape every WHOOP list tool shares: `start`/`end` (local days or instants), `limit`,
 * `fresh`; a cache-first read of the window; rows newest first; `total` and the usual
 * traceability fields.
 */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';
import { defineTool, type ToolDefinition } from '../define-tool.js';
import { readMeta } from '../shared/cached-read.js';
import { readMetaShape } from '../shared/schemas.js';
import { insideInstants, listInputShape, readWhoopDays, resolveListWindow, whoopReadTool } from './whoop-common.js';

const DEFAULT_LIMIT = 25;
const listInput = z.object(listInputShape);

export interface WhoopListSpec<Row extends z.ZodObject, Field extends string> {
  name: string;
  title: string;
  description: string;
  resource: string;
  /** Name of the rows array in the answer (`cycles`, `sleeps`, ...). */
  field: Field;
  row: Row;
  toRow(record: StoredRecord): z.infer<Row>;
}

/** Defines one WHOOP list tool. */
export function defineWhoopListTool<Row extends z.ZodObject, Field extends string>(spec: WhoopListSpec<Row, Field>): ToolDefinition {
  const output = z.object({
    ...readMetaShape,
    total: z.number().int().describe('Records in the window before `limit`.'),
    [spec.field]: z.array(spec.row),
  });
  return defineTool({
    ...whoopReadTool(spec),
    input: listInput,
    output,
    budgetBytes: 12_000,
    truncationHint: 'The answer was cut to fit; narrow start/end or lower limit to see the rest.',
    async handle(input, context) {
      const window = resolveListWindow(input, context.app.now());
      const fresh = input.fresh ?? false;
      const { records, note } = await readWhoopDays(context, spec.resource, window.range, fresh);
      const inside = records.filter((record) => insideInstants(window, record));
      const rows = inside.slice(0, input.limit ?? DEFAULT_LIMIT).map((record) => spec.toRow(record));
      return { ...readMeta(window.range, note, inside), total: inside.length, [spec.field]: rows } as z.input<typeof output>;
    },
  }) as unknown as ToolDefinition;
}

/** The shape of the WHOOP snapshot tools (profile, body measurement): cache-first, `fresh` to re-fetch. */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';
import { defineTool, type ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { readSnapshotRecords } from '../../../mcp/tools/shared/cached-read.js';
import { newestStoredAt } from '../../../mcp/tools/shared/fields.js';
import { recordMetaShape, whoopReadTool } from './whoop-common.js';

export interface WhoopSnapshotSpec<Row extends z.ZodObject, Field extends string> {
  name: string;
  title: string;
  description: string;
  resource: string;
  field: Field;
  row: Row;
  toRow(record: StoredRecord): z.infer<Row>;
}

/** Defines one WHOOP snapshot tool. */
export function defineWhoopSnapshotTool<Row extends z.ZodObject, Field extends string>(spec: WhoopSnapshotSpec<Row, Field>): ToolDefinition {
  const output = z.object({ ...recordMetaShape, [spec.field]: spec.row.nullable().describe('Null when it was never synced.') });
  return defineTool({
    ...whoopReadTool(spec),
    keyParameters: ['fresh'],
    input: z.object({ fresh: z.boolean().optional().describe('Fetch it from WHOOP now instead of the cache.') }),
    output,
    async handle(input, context) {
      const fresh = input.fresh ?? false;
      const { records, note } = await readSnapshotRecords(context, { provider: 'whoop', resource: spec.resource, fresh });
      const record = records[0];
      return {
        cached_at: newestStoredAt(records),
        synced: { fetched_now: note.fetchedNow, fresh },
        warnings: note.warnings,
        [spec.field]: record ? spec.toRow(record) : null,
      } as z.input<typeof output>;
    },
  });
}

function value<T>(record: StoredRecord, key: string, type: 'number' | 'string'): T | null {
  const found = record.data[key];
  return typeof found === type ? (found as T) : null;
}

/** Reads a number from `data`. */
export const dataNumber = (record: StoredRecord, key: string): number | null => value<number>(record, key, 'number');
/** Reads a string from `data`. */
export const dataString = (record: StoredRecord, key: string): string | null => value<string>(record, key, 'string');

/** The shape of the WHOOP snapshot tools (profile, body measurement): cache-first, `fresh` to re-fetch. */
import { z } from 'zod';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
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
  /** Both snapshots (profile, body measurement) are `profile` records. */
  toRow: (record: StoredKindRecord<'profile'>) => z.infer<Row>;
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
      const { records, note } = await readSnapshotRecords(context, { provider: 'whoop', resource: spec.resource, kind: 'profile', fresh });
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

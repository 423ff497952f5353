/**
 * The shape every WHOOP get-by-id tool shares: look in the cache first (unless `fresh`), else
 * fetch the one record from WHOOP, store it (write-through) and answer from the store.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { WhoopRecordKind } from '../client.js';
import type { RecordKind } from '../../../core/records/record.js';
import { narrowRow, type StoredKindRecord } from '../../../store/kind-rows.js';
import type { StoredRecord } from '../../../store/store.js';
import { defineTool, type ToolContext, type ToolDefinition } from '../../../mcp/tools/define-tool.js';
import { recordMetaShape, whoopReadTool } from './whoop-common.js';

/** A WHOOP cycle id: an integer (as number or digits). */
export const cycleIdInput = z
  .union([z.number().int().positive(), z.string().regex(/^\d{1,19}$/, 'cycle ids are integers')])
  .describe('WHOOP cycle id (an integer, see list_whoop_cycles).');

/** A WHOOP sleep or workout id: a UUID. */
export const uuidInput = (what: string) => z.uuid().max(36).describe(`WHOOP ${what} id (a UUID, see list_whoop_${what}s).`);

const freshInput = z.boolean().optional().describe('Fetch from WHOOP first (default: answer from the cache).');

export interface WhoopRecordToolSpec<Row extends z.ZodObject, Field extends string, Param extends string, K extends RecordKind> {
  name: string;
  title: string;
  description: string;
  param: Param;
  idSchema: z.ZodType<string | number>;
  kind: WhoopRecordKind;
  /** The canonical kind of the records it reads. */
  recordKind: K;
  field: Field;
  row: Row;
  toRow: (record: StoredKindRecord<K>) => z.infer<Row>;
  /** The cached record for `id`, or null when it must be fetched. */
  findCached(context: ToolContext, id: string): Promise<StoredRecord | null>;
}

/** Reads one record cache-first; `fetched` says whether WHOOP was asked. */
async function readRecord<K extends RecordKind>(
  context: ToolContext,
  spec: { kind: WhoopRecordKind; recordKind: K; findCached(context: ToolContext, id: string): Promise<StoredRecord | null> },
  id: string,
  fresh: boolean,
): Promise<{ record: StoredKindRecord<K>; fetched: boolean }> {
  if (!fresh) {
    const cached = narrowRow(spec.recordKind, await spec.findCached(context, id));
    if (cached) return { record: cached, fetched: false };
  }
  if (!context.app.providers.has('whoop')) {
    throw new WearablesError('NOT_CONNECTED', 'The WHOOP provider is not configured on this server.', { hint: 'Use get_auth_status to see which providers are available.' });
  }
  // Written by the sync engine (provider lock, audit row, change events), never by the tool.
  const [row] = await context.app.sync.fetchRecordsById('whoop', spec.kind, [id]);
  if (!row) throw new WearablesError('CACHE_ERROR', 'The WHOOP record could not be read back from the cache.', { hint: 'Run health_check.' });
  const stored = narrowRow(spec.recordKind, row);
  if (!stored) {
    throw new WearablesError('UPSTREAM_ERROR', `WHOOP answered a ${spec.kind} that could not be read (its fields did not match WHOOP's schema).`, {
      hint: 'Try again later; if it persists, the WHOOP API changed its format.',
    });
  }
  return { record: stored, fetched: true };
}

/** Defines one WHOOP get-by-id tool. */
export function defineWhoopRecordTool<Row extends z.ZodObject, Field extends string, Param extends string, K extends RecordKind>(
  spec: WhoopRecordToolSpec<Row, Field, Param, K>,
): ToolDefinition {
  const input = z.object({ [spec.param]: spec.idSchema, fresh: freshInput } as Record<Param | 'fresh', z.ZodType>);
  const output = z.object({ ...recordMetaShape, [spec.field]: spec.row });
  return defineTool({
    ...whoopReadTool(spec),
    input,
    output,
    async handle(args, context) {
      const values = args as Record<string, unknown>;
      const id = String(values[spec.param]);
      const fresh = values.fresh === true;
      const { record, fetched } = await readRecord(context, spec, id, fresh);
      const warnings =
        'score_state' in record.data && record.data.score_state === 'PENDING_SCORE'
          ? [`WHOOP has not scored this ${record.resource} yet (PENDING_SCORE); call again later with fresh: true to get the scores.`]
          : [];
      return {
        cached_at: record.storedAt,
        synced: { fetched_now: fetched ? [`${spec.kind} ${id}`] : [], fresh },
        warnings,
        [spec.field]: spec.toRow(record),
      } as z.input<typeof output>;
    },
  });
}

/**
 * Pieces shared by the WHOOP tools: resource names, hints, the list window (`start`/`end` as
 * local days or ISO-8601 instants) and the cache-first read of a window. WHOOP records belong to
 * the user's local day from their own `timezone_offset` (see `src/providers/whoop/normalize-common.ts`).
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { RecordKind } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import type { ToolContext } from '../../../mcp/tools/define-tool.js';
import { syncWindow, typedRows, type SyncNote } from '../../../mcp/tools/shared/cached-read.js';
import { MAX_RANGE_DAYS, resolveDayRange, type DayRange } from '../../../mcp/tools/shared/day-range.js';
import { MAX_INSTANT_LENGTH } from '../../../mcp/tools/shared/inputs.js';
import { addDays } from '../../../core/time/days.js';
import { localDayOf, SERVER_ZONE } from '../../../core/time/zones.js';

/** WHOOP resource names as the provider declares them (the store's `resource` column). */
export const WHOOP = {
  profile: 'profile',
  bodyMeasurement: 'body_measurement',
  cycle: 'cycle',
  recovery: 'recovery',
  sleep: 'sleep',
  workout: 'workout',
} as const;

/** Annotations of a cache-first WHOOP read (may fetch from WHOOP when data is missing). */
export const WHOOP_READ_HINTS = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const;

/** The identity of one WHOOP read tool (what its spec names). */
export interface WhoopToolNames {
  name: string;
  title: string;
  description: string;
}

/** The fields every WHOOP read tool's definition starts with: its names, toolset, provider and hints. */
export function whoopReadTool(spec: WhoopToolNames) {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    toolset: 'whoop',
    provider: 'whoop',
    annotations: WHOOP_READ_HINTS,
  } as const;
}

const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const boundary = (what: string) =>
  z
    .string()
    .max(MAX_INSTANT_LENGTH)
    .regex(DAY_OR_INSTANT, 'use YYYY-MM-DD or an ISO-8601 date-time')
    .optional()
    .describe(what);

/** Input of the WHOOP list tools. */
export const listInputShape = {
  start: boundary('Local day (inclusive) or ISO-8601 instant (records starting at or after it). Default: 6 days before end.'),
  end: boundary('Local day (inclusive) or ISO-8601 instant (exclusive, on record start). Default: today.'),
  limit: z.number().int().min(1).max(100).optional().describe('Most records, newest first (default 25).'),
  fresh: z.boolean().optional().describe('Fetch from WHOOP first (default: answer from the cache).'),
};

/** A resolved list window: the local days to read plus optional instant bounds on the record start. */
export interface ListWindow {
  range: DayRange;
  startMs: number | null;
  endMs: number | null;
}

function parse(value: string, label: string): { day: string; ms: number | null } {
  if (value.length === 10) return { day: value, ms: null };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new WearablesError('VALIDATION_ERROR', `${label} "${value.slice(0, MAX_INSTANT_LENGTH)}" is not a valid date-time.`, { hint: 'Use YYYY-MM-DD or e.g. 2025-06-01T00:00:00Z.' });
  return { day: localDayOf(new Date(ms), SERVER_ZONE), ms };
}

/** Resolves `start`/`end` (days or instants) into the days to read and the instant filter. */
export function resolveListWindow(input: { start?: string | undefined; end?: string | undefined }, now: Date): ListWindow {
  const start = input.start ? parse(input.start, 'start') : null;
  const end = input.end ? parse(input.end, 'end') : null;
  // An instant end is exclusive: a record of that local day may still have started before it.
  const range = resolveDayRange({ start_date: start?.day, end_date: end?.day }, now, MAX_RANGE_DAYS, { start: 'start', end: 'end' });
  return { range, startMs: start?.ms ?? null, endMs: end?.ms ?? null };
}

/** Whether a stored record's start lies inside the instant bounds of a window. */
export function insideInstants(window: ListWindow, record: { start: string | null }): boolean {
  const started = record.start ? Date.parse(record.start) : Number.NaN;
  if (window.startMs !== null && !(started >= window.startMs)) return false;
  if (window.endMs !== null && !(started < window.endMs)) return false;
  return true;
}

/**
 * Cache-first read of the WHOOP records of local days `range` (newest first). The sync window is
 * one day wider on both sides: a cycle of day D starts the evening before, and a record's own
 * offset may differ from this server's.
 */
export async function readWhoopDays<K extends RecordKind>(
  context: ToolContext,
  target: { resource: string; kind: K },
  range: DayRange,
  fresh: boolean,
): Promise<{ records: StoredKindRecord<K>[]; note: SyncNote }> {
  const widened = { startDay: addDays(range.startDay, -1), endDay: addDays(range.endDay, 1) };
  const note = await syncWindow(context, { provider: 'whoop', resource: target.resource, range: widened, fresh });
  const rows = await context.app.store.queryRecords({
    provider: 'whoop',
    resource: note.resource,
    startDay: range.startDay,
    endDay: range.endDay,
    order: 'desc',
  });
  return { records: typedRows(context, { provider: 'whoop', kind: target.kind }, note, rows), note };
}

/** Traceability of a single-record answer (no window). */
export const recordMetaShape = {
  cached_at: z.string().nullable().describe('When this record was stored locally (ISO-8601 UTC).'),
  synced: z.object({
    fetched_now: z.array(z.string()).describe('What was fetched from WHOOP during this call.'),
    fresh: z.boolean().describe('Whether the cache was bypassed (fresh: true).'),
  }),
  warnings: z.array(z.string()),
};

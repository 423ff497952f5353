/**
 * The shape of the Oura tools that list one daily document per local day (activity, readiness):
 * the usual range input, a cache-first read of the window, one row per day with `day`, `source`
 * and `id` followed by the document's own fields.
 */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';
import { defineTool, type ToolDefinition } from '../define-tool.js';
import { readDayRecords, readMeta } from '../shared/cached-read.js';
import { resolveDayRange } from '../shared/dates.js';
import { readMetaShape } from '../shared/schemas.js';
import { OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

export interface OuraDailySpec<Fields extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  /** The Oura resource read (one of `OURA`). */
  resource: string;
  /** The row's fields after `day`, `source` and `id`. */
  fields: Fields;
  toFields(record: StoredRecord): z.infer<z.ZodObject<Fields>>;
}

/** Defines one Oura daily-document tool. */
export function defineOuraDailyTool<Fields extends z.ZodRawShape>(spec: OuraDailySpec<Fields>): ToolDefinition {
  const rowSchema = z.object({ ...rowBaseShape, ...spec.fields });
  const output = z.object({ ...readMetaShape, days: z.array(rowSchema) });
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    toolset: 'oura',
    provider: 'oura',
    annotations: OURA_READ_HINTS,
    input: z.object(ouraRangeInput),
    output,
    async handle(input, context) {
      const range = resolveDayRange(input, context.app.now());
      const fresh = input.fresh ?? false;
      const { records, note } = await readDayRecords(context, { provider: 'oura', resource: spec.resource, range, fresh });
      const days = records.map((record) => ({ ...rowBase(record), ...spec.toFields(record) }));
      return { ...readMeta(range, note, records), days } as z.input<typeof output>;
    },
  }) as unknown as ToolDefinition;
}

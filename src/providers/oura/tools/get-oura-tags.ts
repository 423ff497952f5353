/** `get_oura_tags`: the user's tags (legacy `tag` and `enhanced_tag`) per local day. */
import { z } from 'zod';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

const rowSchema = z.object({
  ...rowBaseShape,
  kind: z.enum(['tag', 'enhanced_tag']),
  tags: z.array(z.string()).describe('Tag names (custom name or Oura tag code).'),
  start: z.string().nullable(),
  end: z.string().nullable(),
  comment: z.string().nullable(),
});

/** A legacy tag's names, else an enhanced tag's custom name or type code. */
function tagNames({ data }: StoredKindRecord<'annotation'>): string[] {
  if (data.tags) return data.tags;
  const name = data.custom_name ?? data.tag_type_code ?? null;
  return name ? [name] : [];
}

export const getOuraTags = defineTool({
  name: 'get_oura_tags',
  title: 'Oura tags',
  description: 'Tags the user added in the Oura app (alcohol, caffeine, illness, custom ...) in a local day range, with times and comments.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, tags: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const reads = await Promise.all(
      ([OURA.tag, OURA.enhancedTag] as const).map(async (resource) => ({
        resource,
        ...(await readDayRecords(context, { provider: 'oura', resource, kind: 'annotation', range, fresh })),
      })),
    );
    const tags = reads
      .flatMap(({ resource, records }) =>
        records.map((record) => ({
          ...rowBase(record),
          kind: resource,
          tags: tagNames(record),
          start: record.start,
          end: record.end,
          comment: record.data.comment ?? record.data.text ?? null,
        })),
      )
      .sort((left, right) => left.day.localeCompare(right.day));
    const note = mergeNotes(reads.map((read) => read.note), fresh);
    return { ...readMeta(range, note, reads.flatMap((read) => read.records)), tags };
  },
});

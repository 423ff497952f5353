/** `get_oura_personal_info`: age, sex, height and weight from the Oura profile (no ids, no email). */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readSnapshotRecords } from '../../../mcp/tools/shared/cached-read.js';
import { newestStoredAt } from '../../../mcp/tools/shared/fields.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { OURA, OURA_READ_HINTS } from './oura-common.js';
import { localDayOf, SERVER_ZONE } from '../../../core/time/zones.js';

export const getOuraPersonalInfo = defineTool({
  name: 'get_oura_personal_info',
  title: 'Oura personal info',
  description: 'The Oura profile used for scoring: age, biological sex, height (m) and weight (kg). Identifiers and email are never returned.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  keyParameters: ['fresh'],
  input: z.object({ fresh: z.boolean().optional().describe('Fetch the profile from Oura now instead of the cache.') }),
  output: z.object({
    ...readMetaShape,
    profile: z
      .object({
        day: z.null(),
        source: z.literal('oura'),
        age: nullableNumber,
        biological_sex: z.string().nullable(),
        height_m: nullableNumber,
        weight_kg: nullableNumber,
      })
      .nullable()
      .describe('Null when the profile was never synced.'),
  }),
  async handle(input, context) {
    const fresh = input.fresh ?? false;
    const { records, note } = await readSnapshotRecords(context, { provider: 'oura', resource: OURA.personalInfo, kind: 'profile', fresh });
    const record = records[0];
    const today = localDayOf(context.app.now(), SERVER_ZONE);
    return {
      window: { start_date: today, end_date: today },
      cached_at: newestStoredAt(records),
      synced: { fetched_now: note.fetchedNow, fresh },
      warnings: note.warnings,
      profile: record
        ? {
            day: null,
            source: 'oura' as const,
            age: record.data.age_years ?? null,
            biological_sex: record.data.biological_sex ?? null,
            height_m: record.data.height_m ?? null,
            weight_kg: record.data.weight_kg ?? null,
          }
        : null,
    };
  },
});

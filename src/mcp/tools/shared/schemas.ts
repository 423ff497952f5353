/** Output schema pieces shared by the read tools, so every answer says where its numbers came from. */
import { z } from 'zod';

/** The `truncated` note the response builder adds when an answer was cut to fit. */
export const truncatedSchema = z
  .object({
    field: z.string(),
    returned: z.number().int(),
    total: z.number().int(),
    next_offset: z.number().int().nullable(),
    next_arguments: z.object({ start_date: z.string(), end_date: z.string() }).optional().describe('Per-day tables: the range that returns the rest.'),
    hint: z.string(),
  })
  .optional()
  .describe('Present when the answer was cut to fit the size budget; says how to get the rest.');

/** Traceability fields of every cached read. */
export const readMetaShape = {
  window: z.object({ start_date: z.string(), end_date: z.string() }).describe('Local days covered (inclusive).'),
  cached_at: z.string().nullable().describe('When the newest row of this answer was stored locally (ISO-8601 UTC).'),
  synced: z
    .object({
      fetched_now: z.array(z.string()).describe('Windows fetched from the provider during this call.'),
      fresh: z.boolean().describe('Whether the cache was bypassed (fresh: true).'),
      checked_at: z.string().nullable().optional().describe('When the recent days were last fetched (ISO-8601 UTC).'),
      age_seconds: z.number().int().nullable().optional().describe('Seconds since checked_at.'),
      background_refresh: z.boolean().optional().describe('Answered from the cache; recent days re-checked after this answer.'),
    })
    .describe('What this call synced before answering.'),
  warnings: z.array(z.string()).describe('Why data may be incomplete (sync failures, never-synced days).'),
  truncated: truncatedSchema,
};

/** Integer-or-null number field. */
export const nullableNumber = z.number().nullable();

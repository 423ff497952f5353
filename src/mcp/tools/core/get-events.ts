/**
 * `get_events`: the change feed ("what changed since X"): created/updated/deleted records in
 * store order, paged with an opaque cursor. Pages shrink to fit the size budget, so the cursor
 * always continues right after the last event shown. An event references its record (its data is
 * the record now); a cursor older than the retained feed is answered with `gap`.
 */
import { z } from 'zod';
import { PROVIDER_IDS } from '../../../providers/registry.js';
import type { EventPage } from '../../../store/store.js';
import { gapField } from '../../feed-gap.js';
import { DEFAULT_BUDGET_BYTES } from '../../response.js';
import { defineTool } from '../define-tool.js';
import { assertDayInBounds } from '../shared/day-range.js';
import { listInput, MAX_INSTANT_LENGTH, nameInput } from '../shared/inputs.js';

const eventSchema = z.object({
  seq: z.number().int(),
  at: z.string().describe('When the change was stored (ISO-8601 UTC).'),
  provider: z.string(),
  source: z.string().describe('Same as provider.'),
  resource: z.string(),
  id: z.string(),
  day: z.string().nullable(),
  change: z.enum(['created', 'updated', 'deleted']),
  data: z.record(z.string(), z.unknown()).nullable().optional().describe('The record\'s fields as stored now, null once deleted (include_data).'),
});

const gapSchema = z.object({
  oldest_retained_at: z.string().nullable().describe('When the oldest event still kept was stored (null: none kept).'),
  note: z.string(),
});

const BUDGET_BYTES = DEFAULT_BUDGET_BYTES;

export const getEvents = defineTool({
  name: 'get_events',
  title: 'Change feed',
  description:
    'What changed in the local cache since a cursor or instant: created, updated (re-scored) and deleted records, oldest first. Continue with next_cursor while has_more is true; keep it to ask for newer changes later. Old events are dropped after a retention period: `gap` says when since points before them.',
  toolset: 'core',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  input: z.object({
    since: z.string().min(1).max(MAX_INSTANT_LENGTH).optional().describe('next_cursor from a previous answer, or an ISO-8601 instant (changes after it).'),
    until: z.string().min(1).max(MAX_INSTANT_LENGTH).optional().describe('ISO-8601 instant; only changes before it.'),
    providers: z.array(z.enum(PROVIDER_IDS)).max(PROVIDER_IDS.length).optional(),
    resources: listInput(nameInput()).optional().describe('e.g. daily_sleep, sleep, workout'),
    limit: z.number().int().min(1).max(500).optional().describe('Events per page (default 50; fewer when they would not fit).'),
    include_data: z.boolean().optional().describe('Include each record\'s fields as stored now (default false; null once deleted).'),
  }),
  output: z.object({
    events: z.array(eventSchema),
    next_cursor: z.string().nullable().describe('Resume point: pass as since to continue or to poll for newer changes.'),
    has_more: z.boolean().describe('More changes are waiting right now.'),
    count: z.number().int(),
    gap: gapSchema.optional().describe('Present when since points before the oldest retained event: changes in between are not listed.'),
  }),
  async handle(input, context) {
    // An instant names a day too: it must lie in the range any input may name.
    for (const [field, value] of [['since', input.since], ['until', input.until]] as const) {
      if (value !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(value)) assertDayInBounds(value.slice(0, 10), field, context.app.now());
    }
    let limit = input.limit ?? 50;
    const includeData = input.include_data ?? false;
    for (;;) {
      const page: EventPage = await context.app.store.listEvents({
        ...(input.since ? { since: input.since } : {}),
        ...(input.until ? { until: input.until } : {}),
        ...(input.providers ? { providers: input.providers } : {}),
        ...(input.resources ? { resources: input.resources } : {}),
        limit,
      });
      const events = page.events.map((event) => ({
        seq: event.seq,
        at: event.at,
        provider: event.provider,
        source: event.provider,
        resource: event.resource,
        id: event.id,
        day: event.day,
        change: event.change,
        ...(includeData ? { data: event.data } : {}),
      }));
      const answer = {
        events,
        next_cursor: page.nextCursor,
        has_more: page.hasMore,
        count: events.length,
        ...gapField(page.gap),
      };
      const size = Buffer.byteLength(JSON.stringify(answer));
      // Too big: ask the store for a smaller page so its cursor matches what is shown.
      if (size <= BUDGET_BYTES || limit === 1) return answer;
      limit = Math.max(1, Math.min(limit - 1, Math.floor((limit * BUDGET_BYTES) / size)));
    }
  },
});

/**
 * Parsing of event feed queries, shared by every store driver: the opaque cursor (base64url of
 * `v1:<seq>`), ISO instants as `since`/`until`, and the page limit.
 */
import { WearablesError } from '../core/errors.js';
import type { EventQuery } from './store.js';
import { tryParseInstant } from '../core/time/instants.js';

export const DEFAULT_EVENT_LIMIT = 500;
export const MAX_EVENT_LIMIT = 5000;

/** A validated event query, ready for SQL: `afterSeq` / `sinceAt` / `untilAt` are strict bounds. */
export interface ParsedEventQuery {
  afterSeq: number | null;
  /** Canonical UTC ISO text (`toISOString()` form), compared lexically with the stored `at`. */
  sinceAt: string | null;
  untilAt: string | null;
  providers: string[] | null;
  resources: string[] | null;
  limit: number;
}

const CURSOR_HINT = 'Pass back the nextCursor of a previous answer unchanged, or an ISO-8601 instant such as 2024-05-01T00:00:00Z.';

/** Encodes the position after event `seq` as an opaque cursor. */
export function encodeEventCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

/** Decodes an opaque cursor; throws VALIDATION_ERROR when it is not one of ours. */
export function decodeEventCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:(\d{1,15})$/.exec(text);
  if (!match?.[1]) {
    throw new WearablesError('VALIDATION_ERROR', 'The `since` value is neither an event cursor nor an ISO-8601 instant.', { hint: CURSOR_HINT });
  }
  return Number(match[1]);
}

/** Validates an `EventQuery` (cursor or instant, strict bounds, filters, limit). */
export function parseEventQuery(query: EventQuery): ParsedEventQuery {
  let afterSeq: number | null = null;
  let sinceAt: string | null = null;
  if (query.since !== undefined && query.since !== '') {
    if (/^\d{4}-\d{2}-\d{2}/.test(query.since)) sinceAt = instantOrThrow(query.since, 'since');
    else afterSeq = decodeEventCursor(query.since);
  }
  const untilAt = query.until !== undefined && query.until !== '' ? instantOrThrow(query.until, 'until') : null;
  return {
    afterSeq,
    sinceAt,
    untilAt,
    providers: query.providers && query.providers.length > 0 ? [...query.providers] : null,
    resources: query.resources && query.resources.length > 0 ? [...query.resources] : null,
    limit: eventLimit(query.limit),
  };
}

function instantOrThrow(value: string, field: string): string {
  const ms = tryParseInstant(value);
  if (ms === null) {
    throw new WearablesError('VALIDATION_ERROR', `\`${field}\` must be an ISO-8601 instant with a time and offset.`, {
      hint: field === 'since' ? CURSOR_HINT : 'Use an instant such as 2024-05-01T00:00:00Z.',
    });
  }
  return new Date(ms).toISOString();
}

function eventLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_EVENT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new WearablesError('VALIDATION_ERROR', `Event limit must be a positive integer (got ${String(limit)}).`, {
      hint: `Use a limit between 1 and ${MAX_EVENT_LIMIT}; continue with nextCursor for more.`,
    });
  }
  return Math.min(limit, MAX_EVENT_LIMIT);
}

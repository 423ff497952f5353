/**
 * The response builder: turns a handler's payload into `{ content: [{ type: 'text' }],
 * structuredContent }`, keeping the JSON under a per-tool size budget. When a payload is over
 * budget its largest top-level list is cut to fit and `truncated` says so and how to get more. A
 * per-day table (`columns` starting with `day`, `rows` oldest first, a `window`) is cut at a whole
 * day, and `truncated.next_arguments` names the exact range to ask for next.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { addDays } from '../core/time/days.js';

/** Default JSON budget per answer (bytes): small enough to leave room in a model's context. */
export const DEFAULT_BUDGET_BYTES = 6_000;

export interface TruncationInfo {
  /** Name of the list that was cut. */
  field: string;
  returned: number;
  total: number;
  /** Pass as `offset` to continue, when the tool pages by offset. */
  next_offset: number | null;
  /** For a per-day table: the range arguments that return the rest of the window. */
  next_arguments?: { start_date: string; end_date: string };
  hint: string;
}

export interface ResponseOptions {
  budgetBytes?: number;
  /** How to get the rest (narrower range, coarser resolution, ...). */
  hint?: string;
  /** The `offset` this answer started at, when the tool pages by offset. */
  offset?: number;
}

const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

function largestArrayField(payload: Record<string, unknown>): string | undefined {
  let best: string | undefined;
  let bestSize = -1;
  for (const [key, value] of Object.entries(payload)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const size = byteLength(value);
    if (size > bestSize) {
      best = key;
      bestSize = size;
    }
  }
  return best;
}

/** How to get the rows after the first `count` of a per-day table, or undefined for other lists. */
function tableNext(payload: Record<string, unknown>, field: string, items: unknown[], count: number) {
  const columns = payload.columns;
  const window = payload.window as { end_date?: unknown } | undefined;
  if (field !== 'rows' || !Array.isArray(columns) || columns[0] !== 'day' || typeof window?.end_date !== 'string') return undefined;
  const last = (items[count - 1] as unknown[] | undefined)?.[0];
  const first = (items[count] as unknown[] | undefined)?.[0];
  // Only an oldest-first table continues with a later start_date (newest-first lists page otherwise).
  const firstDay = (items[0] as unknown[] | undefined)?.[0];
  const lastDay = (items[items.length - 1] as unknown[] | undefined)?.[0];
  if (typeof firstDay !== 'string' || typeof lastDay !== 'string' || firstDay > lastDay) return undefined;
  const start = typeof last === 'string' ? addDays(last, 1) : typeof first === 'string' ? first : undefined;
  if (!start) return undefined;
  const next_arguments = { start_date: start, end_date: window.end_date };
  const shown = count > 0 ? `${String((items[0] as unknown[])[0])}..${String(last)}` : 'none';
  return {
    next_arguments,
    hint: `Days ${shown} shown (${count} of ${items.length} rows); call again with start_date=${start} end_date=${window.end_date} (same other arguments) for the other ${items.length - count}.`,
  };
}

/** Cuts `payload` to fit `budgetBytes`, or returns it unchanged when it already fits. */
export function fitToBudget<T extends Record<string, unknown>>(payload: T, options: ResponseOptions = {}): T {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  if (byteLength(payload) <= budget) return payload;
  const field = largestArrayField(payload);
  if (!field) return payload;
  const items = payload[field] as unknown[];
  const build = (count: number): T => {
    const table = tableNext(payload, field, items, count);
    const truncated: TruncationInfo = {
      field,
      returned: count,
      total: items.length,
      next_offset: options.offset !== undefined ? options.offset + count : null,
      ...(table ? { next_arguments: table.next_arguments } : {}),
      hint:
        table?.hint ??
        options.hint ??
        'The answer was cut to fit; ask for a narrower date range (start_date/end_date) to see the rest.',
    };
    return { ...payload, [field]: items.slice(0, count), truncated };
  };
  // Largest count that fits (binary search; JSON size grows monotonically with the count).
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (byteLength(build(middle)) <= budget) low = middle;
    else high = middle - 1;
  }
  return build(low);
}

/** Builds the tool result: compact JSON text plus the same object as structuredContent. */
export function buildToolResponse(payload: Record<string, unknown>, options: ResponseOptions = {}): CallToolResult {
  const fitted = fitToBudget(payload, options);
  return { content: [{ type: 'text', text: JSON.stringify(fitted) }], structuredContent: fitted };
}

/**
 * The response builder: turns a handler's payload into `{ content: [{ type: 'text' }],
 * structuredContent }`, keeping the JSON under a per-tool size budget. When a payload is over
 * budget its largest top-level list is cut to fit and `truncated` says so and how to get more.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';

/** Default JSON budget per answer (bytes): small enough to leave room in a model's context. */
export const DEFAULT_BUDGET_BYTES = 6_000;

export interface TruncationInfo {
  /** Name of the list that was cut. */
  field: string;
  returned: number;
  total: number;
  /** Pass as `offset` to continue, when the tool pages by offset. */
  next_offset: number | null;
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

/** Cuts `payload` to fit `budgetBytes`, or returns it unchanged when it already fits. */
export function fitToBudget<T extends Record<string, unknown>>(payload: T, options: ResponseOptions = {}): T {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  if (byteLength(payload) <= budget) return payload;
  const field = largestArrayField(payload);
  if (!field) return payload;
  const items = payload[field] as unknown[];
  const build = (count: number): T => {
    const truncated: TruncationInfo = {
      field,
      returned: count,
      total: items.length,
      next_offset: options.offset !== undefined ? options.offset + count : null,
      hint:
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

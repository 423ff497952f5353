/** Validation of `limit` / `offset` paging arguments, shared by every store driver. */
import { WearablesError } from '../core/errors.js';

/** Returns `{ limit, offset }` for SQL (`limit` -1 = no limit); throws VALIDATION_ERROR on bad input. */
export function paging(limit: number | undefined, offset: number | undefined): { limit: number; offset: number } {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new WearablesError('VALIDATION_ERROR', `limit must be a non-negative integer (got ${String(limit)}).`, {
      hint: 'Pass a whole number such as 100, or leave limit out for every row.',
    });
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new WearablesError('VALIDATION_ERROR', `offset must be a non-negative integer (got ${String(offset)}).`, {
      hint: 'Pass a whole number such as 0 or 100.',
    });
  }
  return { limit: limit ?? -1, offset: offset ?? 0 };
}

/**
 * What tools share about stored rows besides their typed `data` (which each tool reads by name:
 * rows come typed by kind from `cached-read.ts`, and the provider payload is never read in place
 * of a canonical field).
 */

/** The newest `storedAt` of a set of rows, or null. */
export function newestStoredAt(records: ReadonlyArray<{ storedAt: string }>): string | null {
  let newest: string | null = null;
  for (const record of records) if (newest === null || record.storedAt > newest) newest = record.storedAt;
  return newest;
}

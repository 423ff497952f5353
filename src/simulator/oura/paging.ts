/**
 * Opaque `next_token`s. A token remembers the query window and the last (time, id) served, so
 * paging is stable while documents are re-scored, deleted or added between pages: every
 * document present throughout is returned exactly once.
 */

export interface Cursor {
  /** Collection (or `heartrate`). */
  c: string;
  /** Query fingerprint (window params) the cursor belongs to. */
  q: Record<string, string>;
  /** Sort time of the last item served. */
  t: number;
  /** Id of the last item served ('' for heart rate). */
  i: string;
}

/** Encodes a cursor as a URL-safe opaque token. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Decodes a token for `collection`; null when malformed or from another collection. */
export function decodeCursor(token: string, collection: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (value.c !== collection || typeof value.t !== 'number' || typeof value.i !== 'string' || typeof value.q !== 'object' || value.q === null) {
      return null;
    }
    return { c: value.c, q: value.q as Record<string, string>, t: value.t, i: value.i };
  } catch {
    return null;
  }
}

/** Whether an item sorted at `(t, id)` comes after the cursor. */
export function afterCursor(cursor: Cursor | null, t: number, id: string): boolean {
  if (!cursor) return true;
  return t > cursor.t || (t === cursor.t && id > cursor.i);
}

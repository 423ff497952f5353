/** What a model is told when its change feed cursor or instant is older than the retained feed. */

/** The note beside `gap` in the `get_events` answer and the `wearables://events/{since}` resource. */
export function gapNote(oldestRetainedAt: string | null): string {
  const span = oldestRetainedAt ? `before ${oldestRetainedAt}` : 'so far';
  return `Events ${span} were removed by the feed's retention (WEARABLES_MCP_EVENT_RETENTION_DAYS), so changes between since and then are not listed. Re-read the records you rely on (e.g. the per-day tools) instead of trusting the feed for that span; the events shown start at the oldest one kept.`;
}

/** The answer's `gap` field, or nothing. */
export function gapField(gap: { oldestRetainedAt: string | null } | undefined): { gap?: { oldest_retained_at: string | null; note: string } } {
  return gap ? { gap: { oldest_retained_at: gap.oldestRetainedAt, note: gapNote(gap.oldestRetainedAt) } } : {};
}

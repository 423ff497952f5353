/** Reading the compact per-day tables (`columns` + `rows`) of tool answers as one object per row. */

/** The rows of a table answer as objects keyed by column, each with the answer's `source` when it has one. */
export function tableRows(structured: unknown): Array<Record<string, unknown>> {
  const answer = (structured ?? {}) as { columns?: string[]; rows?: unknown[][]; source?: string };
  const columns = answer.columns ?? [];
  return (answer.rows ?? []).map((row) => ({
    ...(answer.source ? { source: answer.source } : {}),
    ...Object.fromEntries(columns.map((name, index) => [name, row[index]])),
  }));
}

/** Local calendar days, shared by the CLI and the MCP tools. */
import type { LocalDay } from './types.js';

/** The local calendar day (`YYYY-MM-DD`) of an instant, in this machine's time zone. */
export function localDay(date: Date): LocalDay {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

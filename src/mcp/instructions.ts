/** The `instructions` the server sends at initialize: how a model should use these tools. */
import { PROVIDER_MODULES } from '../providers/registry.js';

/** The sources, one line each, as the provider modules describe themselves. */
const SOURCES = PROVIDER_MODULES.map((module) => `  - ${module.displayName}: ${module.about}`).join('\n');

/** Instruction text for the model. */
export const SERVER_INSTRUCTIONS = `wearables-mcp answers questions about the user's own wearable data from a local cache. Sources (each once connected):
${SOURCES}

- Reads are cache-first: a tool answers from the local SQLite cache and only fetches the days never synced. Pass fresh: true only when the user says data is missing or just changed.
- Dates are the user's local calendar days (YYYY-MM-DD). end_date is inclusive; the default window is the last 7 days. A night's sleep belongs to the day the user woke up.
- Every row carries its day and source, and every answer says its window, cached_at and warnings: quote them when precision matters, and mention warnings (data may be incomplete).
- If data looks stale or a warning says days were never synced, call sync (optionally with provider/resources), then ask again. get_events lists what changed since a cursor.
- Answers are kept small. When one says truncated, follow its hint: narrower dates, a coarser resolution, or offset=next_offset.
- Errors come back as "<CODE>: message. Next: what to do". Follow the Next step (for NOT_CONNECTED the user must run wearables-mcp connect in a terminal; for RATE_LIMITED wait retry_after_seconds).
- get_auth_status shows which providers are connected; health_check diagnoses problems.`;

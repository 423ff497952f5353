/**
 * The search parameters of `GET /fhir/Observation`, read strictly: every parameter is bounded and
 * a malformed or unknown one is refused with a message that says what to send (the route answers
 * it as a 400 OperationOutcome). `Prefer: handling=lenient` makes unknown parameters ignored
 * instead (FHIR's lenient handling); malformed values of known ones are refused either way.
 */
import { createHash } from 'node:crypto';
import { findMetrics, METRICS, type MetricDefinition } from '../../export/fhir/metrics.js';
import { parseDateCondition, DateSearchError, type DateCondition } from './date-search.js';

/** Observations per page when `_count` is absent, and the most a page holds. */
export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;
/** Bounds of the inputs: `code` tokens (OR), repeated `date` parameters (AND), the cursor's offset. */
export const MAX_CODES = 20;
export const MAX_CODE_LENGTH = 200;
export const MAX_DATE_PARAMS = 4;
export const MAX_OFFSET = 1_000_000;
export const MAX_QUERY_LENGTH = 4096;

/** The parameters this server reads (the CapabilityStatement declares the same). */
export const SEARCH_PARAMETERS = ['code', 'date', '_count', '_cursor', '_format'] as const;

/** A refused search: each message names the parameter and what to send instead. */
export class SearchParamError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '));
  }
}

export interface ObservationSearch {
  /**
   * Metric names the `code` parameters select (OR within one parameter, AND across repeats);
   * null when no `code` was given (every metric).
   */
  metrics: string[] | null;
  /** `code` tokens that name no metric this server maps (the answer says so; they match nothing). */
  unknownCodes: string[];
  dates: DateCondition[];
  count: number;
  offset: number;
  /** Digest of the search (without `_cursor`), so a cursor is only accepted for the search it came from. */
  fingerprint: string;
  /** The parameters to repeat in the `self` and `next` links (without `_cursor`). */
  linkParams: URLSearchParams;
}

/** Reads the search; throws SearchParamError naming every problem found. */
export function parseObservationSearch(params: URLSearchParams, options: { lenient?: boolean } = {}): ObservationSearch {
  const problems: string[] = [];
  if (params.toString().length > MAX_QUERY_LENGTH) throw new SearchParamError([`The query string is longer than ${MAX_QUERY_LENGTH} characters; search with fewer codes or dates.`]);
  const linkParams = new URLSearchParams();
  for (const [name, value] of params) {
    if (!(SEARCH_PARAMETERS as readonly string[]).includes(name)) {
      if (!options.lenient) {
        problems.push(`Unknown search parameter "${name.slice(0, 40)}": this server supports ${SEARCH_PARAMETERS.filter((p) => p !== '_cursor').join(', ')} (and _cursor from a next link); remove it, or send Prefer: handling=lenient to have it ignored.`);
      }
      continue;
    }
    if (name !== '_cursor') linkParams.append(name, value);
  }

  for (const format of params.getAll('_format')) {
    if (!['json', 'application/json', 'application/fhir+json'].includes(format.trim())) problems.push(`_format "${format.slice(0, 40)}" is not supported: this server answers JSON only (_format=json or application/fhir+json).`);
  }

  let metrics: string[] | null = null;
  const unknownCodes: string[] = [];
  for (const value of params.getAll('code')) {
    const tokens = value.split(',').map((token) => token.trim());
    if (tokens.length > MAX_CODES) {
      problems.push(`code lists ${tokens.length} codes; send at most ${MAX_CODES} (comma-separated) per parameter.`);
      continue;
    }
    const selected = new Set<string>();
    for (const token of tokens) {
      if (token === '' || token.length > MAX_CODE_LENGTH) {
        problems.push(`code "${token.slice(0, 40)}" is empty or longer than ${MAX_CODE_LENGTH} characters: send system|code (http://loinc.org|8867-4), a code (8867-4) or a metric name (heart_rate), comma-separated.`);
        continue;
      }
      const matched = metricsForToken(token);
      if (matched.length === 0) unknownCodes.push(token);
      for (const definition of matched) selected.add(definition.metric);
    }
    metrics = metrics === null ? [...selected] : metrics.filter((metric) => selected.has(metric));
  }

  const dateValues = params.getAll('date');
  if (dateValues.length > MAX_DATE_PARAMS) problems.push(`date is repeated ${dateValues.length} times; send at most ${MAX_DATE_PARAMS} (e.g. date=ge2026-01-01&date=le2026-01-31).`);
  const dates: DateCondition[] = [];
  for (const value of dateValues.slice(0, MAX_DATE_PARAMS)) {
    try {
      dates.push(parseDateCondition(value.slice(0, 64)));
    } catch (error) {
      if (!(error instanceof DateSearchError)) throw error;
      problems.push(error.message);
    }
  }

  let count = DEFAULT_COUNT;
  const counts = params.getAll('_count');
  if (counts.length > 1) problems.push('_count is given more than once; send it once.');
  const countText = counts[0];
  if (countText !== undefined) {
    if (!/^\d{1,6}$/.test(countText.trim()) || Number(countText) < 1 || Number(countText) > MAX_COUNT) {
      problems.push(`_count "${countText.slice(0, 20)}" must be a whole number from 1 to ${MAX_COUNT} (default ${DEFAULT_COUNT}).`);
    } else count = Number(countText);
  }

  const fingerprint = createHash('sha256').update(canonical(linkParams)).digest('base64url').slice(0, 16);
  let offset = 0;
  const cursors = params.getAll('_cursor');
  if (cursors.length > 1) problems.push('_cursor is given more than once; follow the next link as given.');
  const cursor = cursors[0];
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor);
    if (decoded === null) problems.push('_cursor is not a cursor of this server; follow the next link of a search as given, or search again without _cursor.');
    else if (decoded.fingerprint !== fingerprint) problems.push('_cursor belongs to another search (its code, date or _count differ); follow the next link as given, or search again without _cursor.');
    else offset = decoded.offset;
  }

  if (problems.length > 0) throw new SearchParamError(problems);
  return { metrics, unknownCodes, dates, count, offset, fingerprint, linkParams };
}

/**
 * The metrics one `code` token names: what `get_observations` accepts (`system|code`, a code, a
 * metric name: `findMetrics`), plus `system|` (every code of that system). `|code` (a code
 * without a system) names nothing: every code here has a system. Component codes (systolic
 * 8480-6) are not Observation.code and match nothing, as FHIR's `code` parameter defines.
 */
export function metricsForToken(token: string): MetricDefinition[] {
  if (token.startsWith('|')) return [];
  if (token.endsWith('|')) {
    const system = token.slice(0, -1);
    return METRICS.filter((definition) => definition.codings.some((coding) => coding.system === system));
  }
  return findMetrics(token);
}

/** The opaque `_cursor` of the page starting at `offset` of the search with `fingerprint`. */
export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(`${offset}.${fingerprint}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { offset: number; fingerprint: string } | null {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^(\d{1,7})\.([A-Za-z0-9_-]{16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const offset = Number(match[1]);
  return offset <= MAX_OFFSET ? { offset, fingerprint: match[2] ?? '' } : null;
}

function canonical(params: URLSearchParams): string {
  return [...params].map(([name, value]) => `${name}=${value}`).sort().join('&');
}

/**
 * The FHIR R4 read API (mounted at `/fhir`): `GET /Observation` (search: `code`, `date`,
 * `_count`, paging by `next` links), `GET /Observation/{id}` and `GET /metadata`. Observations
 * are the ones `get_observations` answers, read through the same query
 * (export/fhir/query-observations.ts) from the request's account: the route asks `contextOf` for
 * the host context (the local server's one context; a hosted server's context of the token's
 * account), so authentication stays with whoever mounts it. Answers are
 * `application/fhir+json`; a refused request is an OperationOutcome that says what to fix.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context, type Env } from 'hono';
import type { Logger } from '../../logging/logger.js';
import type { HostContext } from '../../mcp/host-context.js';
import { METRICS } from '../../export/fhir/metrics.js';
import type { Observation } from '../../export/fhir/observation.js';
import { findObservation } from '../../export/fhir/find-observation.js';
import { queryObservations } from '../../export/fhir/query-observations.js';
import { toSafeError } from '../../mcp/errors.js';
import { capabilityStatement } from './capability-statement.js';
import { dayWindow, observationMatches } from './date-search.js';
import { encodeCursor, parseObservationSearch, SearchParamError, type ObservationSearch } from './search-params.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface FhirRoutesOptions<E extends Env = Env> {
  /** The host context whose store answers this request (its account's). */
  contextOf(c: Context<E>): HostContext | Promise<HostContext>;
  /** The URL clients reach this server at, without a trailing slash (links and full URLs). */
  baseUrl(c: Context<E>): string;
  logger: Logger;
}

type IssueCode = 'invalid' | 'not-found' | 'not-supported' | 'exception' | 'informational' | 'too-costly';

/** An OperationOutcome with one issue per message. */
export function operationOutcome(severity: 'error' | 'warning' | 'information', code: IssueCode, messages: readonly string[]): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: messages.map((diagnostics) => ({ severity, code, diagnostics })) };
}

function fhirJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...headers } });
}

const outcome = (status: number, code: IssueCode, messages: readonly string[]) => fhirJson(operationOutcome('error', code, messages), status);

/** FHIR resource ids here are UUID-shaped digests (export/fhir/observation.ts `observationId`). */
const OBSERVATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Builds the routes; mount with `app.route('/fhir', createFhirRoutes(...))` behind the bearer check. */
export function createFhirRoutes<E extends Env = Env>(options: FhirRoutesOptions<E>): Hono<E> {
  const app = new Hono<E>();
  const fhirBase = (c: Context<E>) => `${options.baseUrl(c)}/fhir`;

  app.get('/metadata', (c) => fhirJson(capabilityStatement(fhirBase(c), new Date())));

  app.get('/Observation', async (c) => {
    let search: ObservationSearch;
    try {
      search = parseObservationSearch(new URL(c.req.url).searchParams, { lenient: preferLenient(c.req.header('prefer')) });
    } catch (error) {
      if (error instanceof SearchParamError) return outcome(400, 'invalid', error.problems);
      throw error;
    }
    const context = await options.contextOf(c);
    const base = fhirBase(c);
    const metrics = search.metrics ?? METRICS.map((definition) => definition.metric);
    const window = dayWindow(search.dates, context.now());
    let observations: Observation[] = [];
    let nextOffset: number | null = null;
    if (metrics.length > 0 && !window.empty) {
      try {
        const answer = await queryObservations({
          store: context.store,
          providers: context.providers,
          metric: metrics,
          ...(window.start ? { start: window.start } : {}),
          ...(window.end ? { end: window.end } : {}),
          limit: search.count,
          offset: search.offset,
          ...(search.dates.length > 0 ? { filter: (observation: Observation) => observationMatches(search.dates, observation) } : {}),
        });
        observations = answer.observations;
        nextOffset = answer.nextOffset;
      } catch (error) {
        return failure(error, options.logger);
      }
    }
    const link = (offset: number | null) => {
      const params = new URLSearchParams(search.linkParams);
      if (offset !== null && offset > 0) params.set('_cursor', encodeCursor(offset, search.fingerprint));
      const query = params.toString();
      return `${base}/Observation${query ? `?${query}` : ''}`;
    };
    const entries: Array<Record<string, unknown>> = observations.map((observation) => ({
      fullUrl: `${base}/Observation/${observation.id}`,
      resource: observation,
      search: { mode: 'match' },
    }));
    if (search.unknownCodes.length > 0) {
      entries.push({
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource: operationOutcome('warning', 'not-found', [
          `No metric of this server has the code ${search.unknownCodes.map((code) => `"${code.slice(0, 60)}"`).join(', ')}, so it matches nothing. Known codes: ${METRICS.map((definition) => definition.codings[0]?.code ?? definition.metric).join(', ')}; see GET /fhir/metadata.`,
        ]),
        search: { mode: 'outcome' },
      });
    }
    return fhirJson({
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      link: [{ relation: 'self', url: link(search.offset) }, ...(nextOffset !== null ? [{ relation: 'next', url: link(nextOffset) }] : [])],
      // FHIR JSON forbids an empty array: no entry at all when nothing matched.
      ...(entries.length > 0 ? { entry: entries } : {}),
    });
  });

  app.get('/Observation/:id', async (c) => {
    const id = c.req.param('id');
    const notFound = () => outcome(404, 'not-found', [`No Observation "${id.slice(0, 64)}" in this account's data; search GET /fhir/Observation for the ids there are.`]);
    if (!OBSERVATION_ID.test(id)) return notFound();
    const context = await options.contextOf(c);
    try {
      // Ids are digests: the read walks the account's cached rows for the one that has it.
      const observation = await findObservation({ store: context.store, providers: context.providers, id });
      return observation ? fhirJson(observation) : notFound();
    } catch (error) {
      return failure(error, options.logger);
    }
  });

  const readOnly = () => outcome(405, 'not-supported', ['This FHIR API is read-only: GET /fhir/Observation (search), GET /fhir/Observation/{id} and GET /fhir/metadata.']);
  app.all('/Observation', readOnly);
  app.all('/Observation/:id', readOnly);
  app.all('/metadata', readOnly);
  app.all('*', (c) =>
    outcome(404, 'not-supported', [`${c.req.method} ${new URL(c.req.url).pathname.slice(0, 100)} is not part of this FHIR API; it serves Observation (read, search) and metadata only.`]),
  );
  return app;
}

/** `Prefer: handling=lenient` asks to ignore unknown parameters (FHIR R4 search, handling). */
function preferLenient(prefer: string | undefined): boolean {
  return /(^|[,;\s])handling\s*=\s*lenient\b/i.test(prefer ?? '');
}

/** A query failure as an OperationOutcome: bad input 400, anything else 500 without its details. */
function failure(error: unknown, logger: Logger): Response {
  const safe = toSafeError(error);
  if (safe.code === 'VALIDATION_ERROR') return outcome(400, 'invalid', [`${safe.message} ${safe.hint ?? ''}`.trim()]);
  logger.error({ err: error }, 'FHIR read failed');
  const status = safe.code === 'CACHE_ERROR' ? 503 : 500;
  return outcome(status, 'exception', [`${safe.message}. ${safe.hint ?? ''}`.trim()]);
}

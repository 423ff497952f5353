/**
 * `/__control/*`: the control API over HTTP, for tests running in another process. Loopback
 * only, unauthenticated, JSON in and out. Routes:
 *
 * - `GET  /__control/state` — clock, counters, pending faults, held late night
 * - `GET  /__control/requests?path_prefix=` / `DELETE /__control/requests`
 * - `POST /__control/faults` `{ kind: 'error'|'malformed'|'rate_limit'|'delay', count?, status?, retryAfterSeconds?, delayMs?, pathPrefix? }`
 * - `DELETE /__control/faults`
 * - `POST /__control/revoke-all` `{ allPersonalAccessTokens?: boolean }`
 * - `GET  /__control/issued-secrets` — every credential issued or accepted (for leak checks)
 * - `POST /__control/clock/advance` `{ ms?, seconds?, minutes?, hours?, days? }`
 * - `POST /__control/oura/rescore` `{ day, scoreDelta?, at? }` (at: ISO time for a scheduled re-score)
 * - `POST /__control/oura/delete` `{ collection, id }`
 * - `POST /__control/oura/release-late-sleep`
 * - `POST /__control/oura/authorize-decision` `{ decision: 'approve'|'deny' }`
 * - `GET  /__control/oura/documents/:collection` — what the API serves now
 * - `GET  /__control/person` — profile, planted events, anchor day
 * - `GET  /__control/person/days?start=&end=` — ground-truth days (inclusive)
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SimulatorControl } from './control.js';
import type { SyntheticPerson } from './person.js';
import { OURA_COLLECTIONS } from './oura/types.js';

const faultBody = z.object({
  kind: z.enum(['error', 'malformed', 'rate_limit', 'delay']),
  count: z.number().int().positive().optional(),
  status: z.number().int().min(500).max(599).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  delayMs: z.number().nonnegative().optional(),
  pathPrefix: z.string().optional(),
});
const advanceBody = z.object({
  ms: z.number().nonnegative().optional(),
  seconds: z.number().nonnegative().optional(),
  minutes: z.number().nonnegative().optional(),
  hours: z.number().nonnegative().optional(),
  days: z.number().nonnegative().optional(),
});
const rescoreBody = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), scoreDelta: z.number().int().optional(), at: z.string().optional() });
const deleteBody = z.object({ collection: z.enum(OURA_COLLECTIONS), id: z.string().min(1) });
const decisionBody = z.object({ decision: z.enum(['approve', 'deny']) });
const revokeBody = z.object({ allPersonalAccessTokens: z.boolean().optional() });

async function parse<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: c.json({ error: 'Body is not JSON.' }, 400) };
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, response: c.json({ error: 'Invalid body.', issues: result.error.issues }, 400) };
  return { ok: true, value: result.data };
}

/** The control routes (mounted at `/__control`). */
export function createControlRoutes(control: SimulatorControl, person: SyntheticPerson): Hono {
  const app = new Hono();

  app.get('/state', (c) =>
    c.json({ now: control.now().toISOString(), counters: control.counters(), faults: control.faults(), oura: { heldNight: control.oura.heldNight() } }),
  );
  app.get('/requests', (c) => c.json(control.requests(c.req.query('path_prefix'))));
  app.delete('/requests', (c) => {
    control.clearRequests();
    return c.json({ ok: true });
  });
  app.post('/faults', async (c) => {
    const body = await parse(c, faultBody);
    if (!body.ok) return body.response;
    const { kind, count, status, retryAfterSeconds, delayMs, pathPrefix } = body.value;
    const scope = pathPrefix === undefined ? {} : { pathPrefix };
    if (kind === 'error') control.failNext(count ?? 1, { ...scope, ...(status === undefined ? {} : { status }) });
    else if (kind === 'malformed') control.malformNext(count ?? 1, scope);
    else if (kind === 'rate_limit') control.rateLimitNext(count ?? 1, { ...scope, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
    else control.delay(delayMs ?? 0, { ...scope, ...(count === undefined ? {} : { count }) });
    return c.json({ ok: true, faults: control.faults() });
  });
  app.delete('/faults', (c) => {
    control.clearFaults();
    return c.json({ ok: true });
  });
  app.post('/revoke-all', async (c) => {
    const body = await parse(c, revokeBody);
    if (!body.ok) return body.response;
    control.revokeAllTokens(body.value);
    return c.json({ ok: true });
  });
  app.get('/issued-secrets', (c) => c.json(control.issuedSecrets()));
  app.post('/clock/advance', async (c) => {
    const body = await parse(c, advanceBody);
    if (!body.ok) return body.response;
    const { ms = 0, seconds = 0, minutes = 0, hours = 0, days = 0 } = body.value;
    control.advanceClock(ms + seconds * 1e3 + minutes * 6e4 + hours * 3.6e6 + days * 8.64e7);
    return c.json({ ok: true, now: control.now().toISOString() });
  });
  app.post('/oura/rescore', async (c) => {
    const body = await parse(c, rescoreBody);
    if (!body.ok) return body.response;
    const atMs = body.value.at === undefined ? undefined : Date.parse(body.value.at);
    if (atMs !== undefined && Number.isNaN(atMs)) return c.json({ error: 'Invalid at.' }, 400);
    const affected = control.oura.rescoreDay(body.value.day, {
      ...(body.value.scoreDelta === undefined ? {} : { scoreDelta: body.value.scoreDelta }),
      ...(atMs === undefined ? {} : { atMs }),
    });
    if (affected.length === 0) return c.json({ error: 'No recorded night on that day.' }, 404);
    return c.json({ ok: true, affected });
  });
  app.post('/oura/delete', async (c) => {
    const body = await parse(c, deleteBody);
    if (!body.ok) return body.response;
    const ok = control.oura.deleteDocument(body.value.collection, body.value.id);
    return ok ? c.json({ ok: true }) : c.json({ error: 'No such document.' }, 404);
  });
  app.post('/oura/release-late-sleep', (c) => {
    control.oura.releaseLateSleep();
    return c.json({ ok: true });
  });
  app.post('/oura/authorize-decision', async (c) => {
    const body = await parse(c, decisionBody);
    if (!body.ok) return body.response;
    control.oura.setAuthorizeDecision(body.value.decision);
    return c.json({ ok: true });
  });
  app.get('/oura/documents/:collection', (c) => {
    const collection = c.req.param('collection');
    const known = OURA_COLLECTIONS.find((name) => name === collection);
    if (!known) return c.json({ error: 'Unknown collection.' }, 404);
    return c.json(control.oura.documents(known));
  });
  app.get('/person', (c) =>
    c.json({ seed: person.seed, anchorDay: person.anchorDay, profile: person.profile, events: person.events, rings: person.rings }),
  );
  app.get('/person/days', (c) => {
    const start = c.req.query('start') ?? '0000-01-01';
    const end = c.req.query('end') ?? '9999-12-31';
    return c.json(person.days().filter((d) => d.day >= start && d.day <= end));
  });
  return app;
}

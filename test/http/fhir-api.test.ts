/**
 * The FHIR read API of `serve --http` read by a maintained generic FHIR client (fhir-kit-client)
 * over real HTTP on 127.0.0.1, after `POST /sync` pulled the simulator's data: the
 * CapabilityStatement, searches by code and date with paging, reads by id, and the same
 * observations as the `get_observations` tool. Bad requests get a 400 OperationOutcome.
 */
import { Client as FhirClient, CapabilityTool } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, connectStreamable, startHttpHarness, type HttpHarness } from './support/http-harness.js';
import { validationErrors } from '../export/fhir-validator.js';

interface Observation {
  resourceType: 'Observation';
  id: string;
  code: { coding: Array<{ system: string; code: string }> };
  effectiveDateTime?: string;
  effectivePeriod?: { start: string; end: string };
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  link: Array<{ relation: string; url: string }>;
  entry?: Array<{ fullUrl: string; resource: Observation | { resourceType: 'OperationOutcome' }; search?: { mode: string } }>;
}

const LOINC = 'http://loinc.org';

describe('FHIR read API', () => {
  let harness: HttpHarness;
  let fhir: FhirClient;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, harness.server.url), { headers: { authorization: `Bearer ${AUTH_TOKEN}`, ...headers } });

  beforeAll(async () => {
    harness = await startHttpHarness();
    const synced = await fetch(new URL('/sync', harness.server.url), { method: 'POST', headers: { authorization: `Bearer ${AUTH_TOKEN}`, 'content-type': 'application/json' }, body: '{"provider":"oura"}' });
    expect(synced.status).toBe(200);
    fhir = new FhirClient({ baseUrl: `${harness.server.url}/fhir`, bearerToken: AUTH_TOKEN });
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  const search = async (searchParams: Record<string, string | number | string[]>): Promise<Bundle> =>
    (await fhir.search({ resourceType: 'Observation', searchParams })) as unknown as Bundle;
  const observationsOf = (bundle: Bundle): Observation[] =>
    (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource as Observation);

  /** Every page of a search, following `next` links with the client. */
  async function allPages(first: Bundle): Promise<{ pages: number; observations: Observation[] }> {
    let bundle: Bundle | undefined = first;
    const observations: Observation[] = [];
    let pages = 0;
    while (bundle) {
      pages++;
      observations.push(...observationsOf(bundle));
      expect(pages).toBeLessThan(200);
      bundle = (await fhir.nextPage({ bundle: bundle as never })) as unknown as Bundle | undefined;
    }
    return { pages, observations };
  }

  it('declares exactly what it supports in its CapabilityStatement, which validates as R4', async () => {
    const statement = (await fhir.capabilityStatement()) as Record<string, unknown>;
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
    const tool = new CapabilityTool(statement as never);
    expect(tool.resourceCan('Observation', 'read')).toBe(true);
    expect(tool.resourceCan('Observation', 'search-type')).toBe(true);
    expect(tool.resourceCan('Observation', 'create')).toBe(false);
    expect(tool.resourceCan('Patient', 'read')).toBe(false);
    expect(tool.resourceSearch('Observation', 'code')).toBe(true);
    expect(tool.resourceSearch('Observation', 'date')).toBe(true);
    expect(tool.resourceSearch('Observation', 'subject')).toBe(false);
    expect(validationErrors(statement)).toEqual([]);
  });

  it('searches by LOINC code: a searchset of Oura sleep durations, the same observations get_observations answers', async () => {
    const bundle = await search({ code: `${LOINC}|93832-4`, _count: 200 });
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('searchset');
    const found = observationsOf(bundle);
    expect(found.length).toBeGreaterThan(20);
    for (const observation of found) expect(observation.code.coding[0]).toMatchObject({ system: LOINC, code: '93832-4' });
    for (const entry of bundle.entry ?? []) expect(entry.fullUrl).toBe(`${harness.server.url}/fhir/Observation/${(entry.resource as Observation).id}`);
    expect(validationErrors(bundle as unknown as Record<string, unknown>, { profiles: false })).toEqual([]);

    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    const ids: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const result = await client.callTool({ name: 'get_observations', arguments: { metric: '93832-4', full: true, limit: 10, offset } });
      const content = result.structuredContent as { observations: Observation[]; next_offset: number | null };
      ids.push(...content.observations.map((observation) => observation.id));
      offset = content.next_offset;
    }
    await client.close();
    expect(found.map((observation) => observation.id)).toEqual(ids);
  });

  it('pages with _count and next links until every observation was read once', async () => {
    const whole = observationsOf(await search({ code: 'sleep_duration,55423-8', _count: 200 }));
    expect(new Set(whole.map((observation) => observation.code.coding[0]?.code))).toEqual(new Set(['93832-4', '55423-8']));
    const paged = await allPages(await search({ code: 'sleep_duration,55423-8', _count: 7 }));
    expect(paged.pages).toBe(Math.ceil(whole.length / 7));
    expect(paged.observations.map((observation) => observation.id)).toEqual(whole.map((observation) => observation.id));
  });

  it('filters by date: a day range (ge/le) and an instant bound (lt) keep only observations inside them', async () => {
    const all = observationsOf(await search({ code: '55423-8', _count: 200 }));
    const days = all.map((observation) => observation.effectiveDateTime ?? '').sort();
    expect(days.length).toBeGreaterThan(20);
    const [from, to] = [days[5] ?? '', days[11] ?? ''];
    const ranged = observationsOf(await search({ code: '55423-8', date: [`ge${from}`, `le${to}`] }));
    expect(ranged.map((observation) => observation.effectiveDateTime).sort()).toEqual(days.filter((day) => day >= from && day <= to));

    const sleeps = observationsOf(await search({ code: '93832-4', _count: 200 }));
    const cut = sleeps[10]?.effectivePeriod?.start ?? '';
    expect(cut).not.toBe('');
    const before = observationsOf(await search({ code: '93832-4', date: `lt${new Date(cut).toISOString()}`, _count: 200 }));
    const expected = sleeps.filter((observation) => Date.parse(observation.effectivePeriod?.start ?? '') < Date.parse(cut));
    expect(before.length).toBeGreaterThan(0);
    expect(before.map((observation) => observation.id).sort()).toEqual(expected.map((observation) => observation.id).sort());
  });

  it('reads one observation by id, and answers 404 with an OperationOutcome for an unknown id', async () => {
    const [first] = observationsOf(await search({ code: '93832-4', _count: 1 }));
    expect(first).toBeDefined();
    const read = (await fhir.read({ resourceType: 'Observation', id: first?.id ?? '' })) as unknown as Observation;
    expect(read).toEqual(first);
    const missing = await get('/fhir/Observation/00000000-0000-8000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(((await missing.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('answers a code no metric maps with an empty searchset that says so', async () => {
    const bundle = await search({ code: `${LOINC}|1234-5` });
    expect(observationsOf(bundle)).toEqual([]);
    const outcome = bundle.entry?.find((entry) => entry.search?.mode === 'outcome')?.resource;
    expect(JSON.stringify(outcome)).toContain('1234-5');
  });

  it('refuses bad parameters with a 400 OperationOutcome that says what to fix', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/fhir/Observation?patient=1', /Unknown search parameter "patient".*handling=lenient/],
      ['/fhir/Observation?_count=1000', /_count "1000" must be a whole number from 1 to 200/],
      ['/fhir/Observation?_count=abc', /_count/],
      ['/fhir/Observation?date=yesterday', /not a FHIR date/],
      ['/fhir/Observation?date=ap2026-01-01', /"ap".*not supported/],
      ['/fhir/Observation?date=ge2024-06-01T10:00', /needs a time zone/],
      ['/fhir/Observation?date=2024-02-30', /no real day/],
      ['/fhir/Observation?_cursor=garbage', /not a cursor of this server/],
      [`/fhir/Observation?code=${Array.from({ length: 21 }, () => 'steps').join(',')}`, /at most 20/],
    ];
    for (const [path, message] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      const body = (await response.json()) as { resourceType: string; issue: Array<{ severity: string; code: string; diagnostics: string }> };
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue[0]?.severity).toBe('error');
      expect(body.issue.map((issue) => issue.diagnostics).join(' '), path).toMatch(message);
    }
    // Lenient handling ignores what it does not know.
    expect((await get('/fhir/Observation?code=steps&patient=1', { prefer: 'handling=lenient' })).status).toBe(200);
    // A cursor only continues the search it came from.
    const first = (await (await get('/fhir/Observation?code=steps&_count=2')).json()) as Bundle;
    const next = new URL(first.link.find((link) => link.relation === 'next')?.url ?? '');
    const foreign = await get(`/fhir/Observation?code=sleep_duration&_count=2&_cursor=${next.searchParams.get('_cursor') ?? ''}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toMatch(/belongs to another search/);
  });

  it('requires the bearer token and stays read-only', async () => {
    const anonymous = await fetch(new URL('/fhir/Observation?code=steps', harness.server.url));
    expect(anonymous.status).toBe(401);
    expect((await fetch(new URL('/fhir/metadata', harness.server.url))).status).toBe(401);
    const write = await fetch(new URL('/fhir/Observation', harness.server.url), { method: 'POST', headers: { authorization: `Bearer ${AUTH_TOKEN}`, 'content-type': 'application/fhir+json' }, body: '{"resourceType":"Observation"}' });
    expect(write.status).toBe(405);
    expect(((await write.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});

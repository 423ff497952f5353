/**
 * Two people on one hosted server, each signed in with WHOOP as a different person of the
 * simulator: B calls every tool offered to B with A's record ids and A's dates, and reads every
 * resource A sees, and gets nothing of A's; each account's rows are its own.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../store/postgres-support.js';
import { authorizationUrl, Browser, pkcePair, registerClient, startHostedHarness, tokenRequest, type HostedHarness } from './support/hosted-harness.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const REDIRECT = 'http://127.0.0.1:4/cb';

type Json = Record<string, unknown>;

/**
 * What only A's records have: their UUIDs and their start instants (to the second), from the
 * table answers (`columns` + `rows`) of list tools.
 */
function fingerprints(answer: unknown): Set<string> {
  const found = new Set<string>();
  const table = answer as { columns?: string[]; rows?: unknown[][] } | null;
  for (const row of table?.rows ?? []) {
    row.forEach((cell, index) => {
      const column = table?.columns?.[index] ?? '';
      if (typeof cell === 'string' && (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(cell) || (column === 'start' && /T\d{2}:\d{2}:\d{2}/.test(cell)))) found.add(cell);
    });
  }
  return found;
}

describe.skipIf(skip !== null)('hosted isolation between two people', () => {
  let harness: HostedHarness;
  const clients: Client[] = [];
  beforeAll(async () => {
    harness = await startHostedHarness();
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await harness?.close();
  });

  async function signIn(name: string): Promise<Client> {
    const clientId = await registerClient(harness.base, REDIRECT, name);
    const pkce = pkcePair();
    const callback = await new Browser(harness.base, 'whoop').authorize(authorizationUrl(harness.base, clientId, REDIRECT, pkce), REDIRECT);
    const { body } = await tokenRequest(harness.base, { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', code_verifier: pkce.verifier, client_id: clientId, redirect_uri: REDIRECT });
    const client = new Client({ name, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', harness.base), { requestInit: { headers: { Authorization: `Bearer ${String(body.access_token)}` } } }));
    clients.push(client);
    return client;
  }

  async function call(client: Client, name: string, args: Json): Promise<{ isError: boolean; text: string; structured: unknown }> {
    const answer = await client.callTool({ name, arguments: args });
    return { isError: Boolean(answer.isError), text: JSON.stringify(answer.content), structured: answer.structuredContent };
  }

  it('gives B nothing of A through any tool or resource', async () => {
    const a = await signIn('Person A');
    const b = await signIn('Person B');
    expect(harness.simulator.signIns).toEqual([0, 1]);
    expect(await harness.query('SELECT id FROM accounts')).toHaveLength(2);

    // A's data: a week of sleeps, cycles and workouts, and A's profile.
    const sleeps = await call(a, 'list_whoop_sleeps', { include_ids: true });
    const cycles = await call(a, 'list_whoop_cycles', { include_ids: true });
    const workouts = await call(a, 'list_whoop_workouts', {});
    const profile = await call(a, 'get_whoop_profile', {});
    for (const answer of [sleeps, cycles, profile]) expect(answer.isError).toBe(false);
    const aIds = new Set([...fingerprints(sleeps.structured), ...fingerprints(cycles.structured), ...fingerprints(workouts.structured)]);
    expect(aIds.size).toBeGreaterThan(10);
    const aEmail = harness.simulator.people[0]!.person.profile.email;
    expect(profile.text + JSON.stringify(profile.structured)).toContain(aEmail);
    const sleepId = [...fingerprints(sleeps.structured)].find((id) => /^[0-9a-f-]{36}$/.test(id))!;
    const cycleId = String((cycles.structured as { rows: unknown[][] }).rows[0]![1]);
    const days = [...JSON.stringify(sleeps.structured).matchAll(/"(\d{4}-\d{2}-\d{2})/g)].map((match) => match[1]!).sort();
    const [firstDay, lastDay] = [days[0]!, days.at(-1)!];

    // B: every tool it is offered, with A's ids and dates wherever an argument takes them.
    const tools = (await b.listTools()).tools;
    expect(tools.map((tool) => tool.name)).toContain('get_whoop_sleep');
    const valueFor = (name: string, schema: Json): unknown => {
      if (name === 'sleep_id' || name === 'workout_id') return sleepId;
      if (name === 'cycle_id') return Number(cycleId);
      if (name === 'signal_id') return Number(cycleId);
      if (name === 'start_date' || name === 'a_start' || name === 'b_start' || name === 'start') return firstDay;
      if (name === 'end_date' || name === 'a_end' || name === 'b_end' || name === 'end' || name === 'date') return lastDay;
      if (name === 'include_ids' || name === 'include_data') return true;
      const options = (schema.enum ?? (schema.items as Json | undefined)?.enum) as unknown[] | undefined;
      if (options?.length) return schema.type === 'array' ? [options[0]] : options[0];
      return undefined;
    };
    const leaks: string[] = [];
    for (const tool of tools) {
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, Json>;
      const args: Json = {};
      for (const [name, schema] of Object.entries(properties)) {
        const value = valueFor(name, schema);
        if (value !== undefined) args[name] = value;
      }
      const answer = await call(b, tool.name, args);
      const seen = answer.text + JSON.stringify(answer.structured ?? null);
      for (const id of aIds) if (seen.includes(id) && !JSON.stringify(args).includes(id)) leaks.push(`${tool.name} answered A's ${id}`);
      if (seen.includes(aEmail)) leaks.push(`${tool.name} answered A's email`);
      // Asked for A's record by id, B gets no record (the provider does not know it for B).
      if (tool.name === 'get_whoop_sleep') expect(answer.isError, 'B got a record for A\'s sleep id').toBe(true);
    }
    expect(leaks).toEqual([]);

    // B reads every resource A lists: nothing of A's.
    const listed = (await a.listResources()).resources.map((resource) => resource.uri);
    for (const uri of listed) {
      const read = await b.readResource({ uri }).then((result) => JSON.stringify(result), (error: unknown) => String(error));
      for (const id of aIds) if (read.includes(id)) leaks.push(`resource ${uri} gave A's ${id}`);
      if (read.includes(aEmail)) leaks.push(`resource ${uri} gave A's email`);
    }
    expect(leaks).toEqual([]);

    // Each account's rows are its own: A's records belong to A's account only.
    const byAccount = await harness.query<{ account_id: string; n: number }>('SELECT account_id, count(*)::int AS n FROM records GROUP BY account_id');
    expect(byAccount).toHaveLength(2);
  }, 120_000);

  it('syncs every account with a connection in the background, each with its own grant', async () => {
    const before = await harness.query<{ account_id: string; n: number }>('SELECT account_id, count(*)::int AS n FROM sync_runs GROUP BY account_id');
    const report = await harness.server.scheduler.runNow();
    expect(report?.results.filter((result) => result.provider === 'whoop')).toHaveLength(2);
    const after = await harness.query<{ account_id: string; n: number }>('SELECT account_id, count(*)::int AS n FROM sync_runs GROUP BY account_id');
    expect(after).toHaveLength(2);
    for (const row of after) expect(row.n).toBeGreaterThan(before.find((old) => old.account_id === row.account_id)?.n ?? 0);
  }, 120_000);
});

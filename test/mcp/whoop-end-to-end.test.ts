/**
 * End to end for WHOOP: a real MCP client over the in-memory transport, the server, the real app
 * context and the WHOOP simulator over HTTP. The seed's quick-start questions: "sync my WHOOP
 * data from the last 30 days" and "give me yesterday's WHOOP daily summary"; then every WHOOP
 * tool answers from that cache, validated against its advertised output schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advertisedOutput } from '../../src/mcp/tools/register-tool.js';
import { loadAllTools } from '../../src/mcp/tools/registry.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { addDays } from '../../src/core/time/days.js';
import { createWhoopTestApp, type WhoopTestApp } from '../providers/whoop/support/mcp-app.js';
import { connectClient, type Connected } from './support/harness.js';
import { tableRows } from './support/table.js';

const TOOLS = await loadAllTools();

const NOW = new Date('2025-06-15T18:00:00Z');
const TODAY = '2025-06-15';
const TOKEN = 'whoop-e2e-access-token';
type Structured = Record<string, unknown>;

describe('WHOOP end to end against the simulator', () => {
  let simulator: StartedSimulator;
  let test: WhoopTestApp;
  let connected: Connected;
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await connected.client.callTool({ name, arguments: args });
    expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
    // Every answer matches the output schema the tool advertises.
    const tool = TOOLS.find((candidate) => candidate.name === name);
    if (tool) expect(advertisedOutput(tool).safeParse(result.structuredContent).error, name).toBeUndefined();
    return result.structuredContent as Structured;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 7, days: 60, futureDays: 2, now: () => NOW, personalAccessTokens: [TOKEN] });
    test = await createWhoopTestApp(simulator, NOW);
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected?.close();
    await test?.close();
    await simulator?.close();
  });

  it('connecting WHOOP reveals its tools; "sync the last 30 days" stores every WHOOP resource', async () => {
    expect((await connected.client.listTools()).tools.map((tool) => tool.name)).not.toContain('list_whoop_cycles');
    const changed = new Promise<void>((resolve) => connected.client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    await test.app.tokens.save('whoop', { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
    await changed;
    const names = (await connected.client.listTools()).tools.map((tool) => tool.name);
    for (const name of ['get_whoop_profile', 'list_whoop_cycles', 'get_whoop_daily_summary']) expect(names).toContain(name);

    const sync = await call('sync', { provider: 'whoop', since: addDays(TODAY, -30) });
    const [result] = sync.results as Array<{ provider: string; status: string; counts: Record<string, { created: number }> }>;
    expect(result).toMatchObject({ provider: 'whoop', status: 'ok' });
    for (const resource of ['cycle', 'recovery', 'sleep']) expect(result?.counts[resource]?.created, resource).toBeGreaterThanOrEqual(30);
    expect(result?.counts.workout?.created).toBeGreaterThan(5);
    expect(result?.counts.profile?.created).toBe(1);
  });

  it('"yesterday’s daily summary" joins the cycle, its recovery, the primary sleep and workouts of the local day', async () => {
    const yesterday = addDays(TODAY, -1);
    const summary = await call('get_whoop_daily_summary');
    // Yesterday may still change (late uploads), so the engine re-checks it: it is in fetched_now.
    expect(summary).toMatchObject({ date: yesterday, source: 'whoop', window: { start_date: yesterday, end_date: yesterday } });
    const cycleId = simulator.control.whoop.cycleIdOf(yesterday);
    const served = simulator.control.whoop.records('recovery').find((recovery) => recovery.cycle_id === cycleId) as { score: { recovery_score: number; hrv_rmssd_milli: number } };
    expect(summary.cycle).toMatchObject({ id: String(cycleId), day: yesterday, score_state: 'SCORED', strain: expect.any(Number) });
    expect(summary.recovery).toMatchObject({ id: String(cycleId), recovery_score: served.score.recovery_score, hrv_rmssd_ms: Math.round(served.score.hrv_rmssd_milli * 10) / 10 });
    expect(summary.sleep).toMatchObject({ day: yesterday, nap: false, cycle_id: cycleId });
    const truth = simulator.person.day(yesterday);
    expect((summary.workouts as unknown[]).length).toBe(truth?.workouts.length);
  });

  it('list tools answer the window newest first with flat rows; get tools read single records from the cache', async () => {
    const cycles = await call('list_whoop_cycles', { start: addDays(TODAY, -6), end: TODAY });
    const withIds = await call('list_whoop_cycles', { start: addDays(TODAY, -6), end: TODAY, include_ids: true });
    expect(tableRows(cycles).map((row) => row.day)).toEqual(tableRows(withIds).map((row) => row.day));
    expect(tableRows(cycles)[0]).not.toHaveProperty('id');
    const rows = tableRows(withIds) as Array<{ id: string; day: string; end: string | null }>;
    expect(rows.map((row) => row.day)).toEqual(Array.from({ length: 7 }, (_, index) => addDays(TODAY, -index)));
    expect(rows[0]?.end).toBeNull();
    const sleepList = await call('list_whoop_sleeps', { start: addDays(TODAY, -6), limit: 3, include_ids: true });
    const sleeps = { total: sleepList.total as number, sleeps: tableRows(sleepList) as Array<{ id: string; light_sleep_seconds: number }> };
    expect(sleeps.sleeps).toHaveLength(3);
    expect(sleeps.total).toBeGreaterThanOrEqual(7);
    const workouts = (await call('list_whoop_workouts', { start: addDays(TODAY, -14) })) as { workouts: Array<{ id: string; zone_durations_seconds: Record<string, number> }> };
    expect(workouts.workouts.length).toBeGreaterThan(0);
    expect(Object.keys(workouts.workouts[0]?.zone_durations_seconds ?? {})).toEqual(['zone_zero', 'zone_one', 'zone_two', 'zone_three', 'zone_four', 'zone_five']);

    const cycleId = rows[1]?.id as string;
    const cycle = await call('get_whoop_cycle', { cycle_id: Number(cycleId) });
    expect(cycle).toMatchObject({ cycle: { id: cycleId }, synced: { fetched_now: [] } });
    const sleep = await call('get_whoop_cycle_sleep', { cycle_id: cycleId });
    const recovery = await call('get_whoop_cycle_recovery', { cycle_id: cycleId });
    expect((recovery.recovery as { sleep_id: string }).sleep_id).toBe((sleep.sleep as { id: string }).id);
    expect(await call('get_whoop_sleep', { sleep_id: sleeps.sleeps[0]?.id })).toMatchObject({ sleep: { id: sleeps.sleeps[0]?.id }, synced: { fetched_now: [] } });
    expect(await call('get_whoop_workout', { workout_id: workouts.workouts[0]?.id })).toMatchObject({ workout: { id: workouts.workouts[0]?.id } });
    const fresh = await call('get_whoop_sleep', { sleep_id: sleeps.sleeps[0]?.id, fresh: true });
    expect((fresh.synced as { fetched_now: string[] }).fetched_now).toHaveLength(1);
  });

  it('profile and body measurement without the WHOOP user id; bad ids and unknown cycles are clear errors', async () => {
    const profile = await connected.client.callTool({ name: 'get_whoop_profile', arguments: {} });
    const text = JSON.stringify(profile);
    expect((profile.structuredContent as Structured).profile).toMatchObject({ source: 'whoop', email: simulator.person.profile.email });
    expect(text).not.toContain('user_id');
    expect(await call('get_whoop_body_measurement')).toMatchObject({ body_measurement: { height_m: simulator.person.profile.heightM } });

    const bad = await connected.client.callTool({ name: 'get_whoop_sleep', arguments: { sleep_id: 'last-night' } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.structuredContent)).toContain('VALIDATION_ERROR');
    const missing = await connected.client.callTool({ name: 'get_whoop_cycle', arguments: { cycle_id: 1 } });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.structuredContent)).toContain('NOT_FOUND');
  });
});

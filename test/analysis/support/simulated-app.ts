/**
 * A real app (SQLite file, token store, Oura provider, sync engine) pointed at the simulator on
 * 127.0.0.1, connected with a personal access token and synced, plus a real MCP client in memory.
 */
import { SOURCE_MAPPINGS } from '../../../src/analysis/mappings/index.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { connectClient, createTestApp, TEST_NOW, TEST_TOKEN, type Connected, type TestApp } from '../../mcp/support/harness.js';

export interface SimulatedApp {
  sim: StartedSimulator;
  test: TestApp;
  connected: Connected;
  /** The person's "today" (the anchor day). */
  today: string;
  /** Calls a tool and returns its structured answer and the byte size of its text. */
  call(name: string, args?: Record<string, unknown>): Promise<{ data: Record<string, unknown>; bytes: number; isError: boolean }>;
  close(): Promise<void>;
}

/** Starts the simulator, syncs `historyDays` of the day-view resources and connects a client. */
export async function startSimulatedApp(historyDays: number, seed = 7): Promise<SimulatedApp> {
  const sim = await startSimulator({ seed, days: Math.max(historyDays + 10, 120), now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
  const test = await createTestApp({ apiBaseUrl: sim.oura.apiBaseUrl, connect: true });
  const resources = [...new Set(SOURCE_MAPPINGS.filter((mapping) => mapping.provider === 'oura').map((mapping) => mapping.resource))];
  const today = sim.person.anchorDay;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - (historyDays - 1) * 86_400_000).toISOString().slice(0, 10);
  const report = await test.app.sync.sync({ providers: ['oura'], resources, since });
  if (report.results.some((result) => result.status !== 'ok')) throw new Error(`sync failed: ${JSON.stringify(report.results.map((r) => r.status))}`);
  const connected = await connectClient(test.app);
  return {
    sim,
    test,
    connected,
    today,
    async call(name, args = {}) {
      const result = await connected.client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? '';
      return { data: (result.structuredContent ?? {}) as Record<string, unknown>, bytes: Buffer.byteLength(text, 'utf8'), isError: Boolean(result.isError) };
    },
    async close() {
      await connected.close();
      await test.close();
      await sim.close();
    },
  };
}

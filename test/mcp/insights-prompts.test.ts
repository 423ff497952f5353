/** The analysis prompts through a real MCP client: listed, and they direct the model to the insights tools with evidence rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllTools } from '../../src/mcp/tools/registry.js';
import { connectClient, createTestApp, type Connected, type TestApp } from './support/harness.js';

const TOOLS = await loadAllTools();

let test: TestApp;
let connected: Connected;
beforeAll(async () => {
  test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', demo: true });
  connected = await connectClient(test.app);
});
afterAll(async () => {
  await connected.close();
  await test.close();
});

const textOf = (result: { messages: Array<{ content: unknown }> }): string =>
  result.messages.map((message) => (message.content as { text?: string }).text ?? '').join('\n');

describe('analysis prompts', () => {
  it('lists the weekly report, sleep review and overtraining prompts with a days argument', async () => {
    const { prompts } = await connected.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['am_i_overtraining', 'sleep_review', 'weekly_report']);
    for (const prompt of prompts) expect(prompt.arguments?.map((argument) => argument.name)).toEqual(['days']);
  });

  it.each(['weekly_report', 'sleep_review', 'am_i_overtraining'])('%s names only registered tools and asks for cited days and numbers', async (name) => {
    const text = textOf(await connected.client.getPrompt({ name, arguments: {} }));
    const named = [...text.matchAll(/\b(get_[a-z_]+|compare_periods)\b/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThanOrEqual(2);
    const registered = new Set(TOOLS.map((tool) => tool.name));
    for (const tool of named) expect(registered.has(tool ?? ''), tool).toBe(true);
    expect(text).toMatch(/cite every claim with its day/i);
    expect(text).toMatch(/too_little_data/);
  });

  it('uses the days argument, and the default for an unusable value', async () => {
    expect(textOf(await connected.client.getPrompt({ name: 'sleep_review', arguments: { days: '90' } }))).toMatch(/last 90 days.*days=90/s);
    expect(textOf(await connected.client.getPrompt({ name: 'sleep_review', arguments: { days: 'lots' } }))).toMatch(/last 30 days/);
  });
});

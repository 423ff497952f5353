/** Registers the analysis prompts (weekly report, sleep review, "am I overtraining?") on the server. */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { PROMPTS, type PromptDefinition } from './prompt-definitions.js';

function resolveDays(prompt: PromptDefinition, value: string | undefined): number {
  const days = value === undefined || value.trim() === '' ? prompt.days.default : Number(value);
  // Prompt arguments are strings; an unusable value falls back to the default rather than failing.
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : prompt.days.default;
}

/** Adds every prompt of `PROMPTS` to `server`. */
export function registerPrompts(server: McpServer): void {
  for (const prompt of PROMPTS) {
    server.registerPrompt(
      prompt.name,
      {
        title: prompt.title,
        description: prompt.description,
        argsSchema: z.object({ days: z.string().optional().describe(prompt.days.description) }),
      },
      (args) => ({
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: prompt.text(resolveDays(prompt, args.days)) } }],
      }),
    );
  }
}

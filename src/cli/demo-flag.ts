/**
 * `--demo` on every command: most commands run against the demo data directory with the
 * simulator started for them (cli/run-command.ts `withCommandContext`); the few where the demo
 * cannot mean anything say precisely why and what to run instead, before anything happens.
 */
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';

/** Top-level command -> why it refuses `--demo` and what to run instead. */
const REFUSALS: Readonly<Record<string, { why: string; next: string }>> = {
  connect: {
    why: 'the demo connects its simulated devices by itself on every --demo command',
    next: 'Run `wearables-mcp --demo sync` (or `wearables-mcp demo`); `connect` is for your real accounts.',
  },
  disconnect: {
    why: 'the demo reconnects its simulated devices on every --demo command, so there is nothing to disconnect',
    next: 'Delete the demo data with `wearables-mcp --demo purge`.',
  },
  simulate: {
    why: '`simulate` is the simulator itself; --demo would start a second one',
    next: 'Run `wearables-mcp simulate` and point the *_API_BASE_URL variables it prints at it.',
  },
  webhooks: {
    why: 'webhook subscriptions live at the provider, and the demo simulator runs only while a command runs',
    next: 'Try webhooks against `wearables-mcp simulate` with `wearables-mcp serve --http` reachable by URL.',
  },
};

/** The top-level command word of the command being run (`webhooks` for `webhooks list`). */
function topLevel(command: Command): Command {
  let current = command;
  while (current.parent?.parent) current = current.parent;
  return current;
}

/** A commander preAction hook: refuses `--demo` on the commands listed above with the reason. */
export function refuseDemoWhereMeaningless(program: Command, actionCommand: Command): void {
  if (!program.opts<{ demo?: boolean }>().demo) return;
  const name = topLevel(actionCommand).name();
  const refusal = REFUSALS[name];
  if (!refusal) return;
  throw new WearablesError('VALIDATION_ERROR', `--demo does not apply to \`${name}\`: ${refusal.why}.`, { hint: refusal.next });
}

/**
 * Which module registers which command. `main` loads only the module of the command being run
 * (all of them for help or an unknown word), so `serve` does not pay for the simulator, the
 * export writers or the HTTP stack at start-up.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

/** Command word -> loader of its register function (several words may share a module). */
export const COMMAND_LOADERS: Record<string, () => Promise<Register>> = {
  connect: async () => (await import('./connect.js')).registerConnectCommands,
  disconnect: async () => (await import('./connect.js')).registerConnectCommands,
  sync: async () => (await import('./sync.js')).registerSyncCommand,
  import: async () => (await import('./import.js')).registerImportCommand,
  status: async () => (await import('./status.js')).registerStatusCommand,
  export: async () => (await import('./export.js')).registerExportCommand,
  serve: async () => (await import('./serve.js')).registerServeCommand,
  demo: async () => (await import('./demo.js')).registerDemoCommand,
  simulate: async () => (await import('./simulate.js')).registerSimulateCommand,
  purge: async () => (await import('./purge.js')).registerPurgeCommand,
  webhooks: async () => (await import('./webhooks.js')).registerWebhooksCommand,
  report: async () => (await import('./report.js')).registerReportCommand,
  migrate: async () => (await import('./migrate.js')).registerMigrateCommand,
};

/** Global options that take a value (their value is not the command word). */
const VALUE_OPTIONS = new Set(['--home', '--log-level', '--config']);

/** The command word of an argv tail (`['--json', 'sync', '<provider>']` -> `sync`), if any. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (VALUE_OPTIONS.has(arg)) {
      index++;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Registers the command being run, or every command when the word is missing or unknown. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const word = commandWord(args);
  const loader = word ? COMMAND_LOADERS[word] : undefined;
  const loaders = loader ? [loader] : [...new Set(Object.values(COMMAND_LOADERS))];
  const registered = new Set<Register>();
  for (const load of loaders) {
    const register = await load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
}

/** Wraps a command body: builds the context, reports errors with exit codes, always closes. */
import type { AppContext } from '../app/app-context.js';
import type { Config, ConfigFlags } from '../config/config.js';
import { createAppContext } from '../app/create-app-context.js';
import { toWearablesError } from '../core/errors.js';
import { isExplicitLogFile } from '../logging/log-file.js';
import { createLogger } from '../logging/logger.js';
import { configFor, type GlobalOptions } from './options.js';
import { reportError, type OutputOptions } from './output.js';
import { createTerminalLogs, useTerminalLogs } from './terminal-logs.js';

/** Runs `body` and sets `process.exitCode` from its outcome. */
export async function runCommand(output: OutputOptions, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

/**
 * Opens an AppContext for a CLI command (terminal logs at warn; the log file keeps the level).
 * A bug escaping `body` is logged with its stack (the file keeps it, the terminal does not).
 */
export async function withContext<T>(config: Config, body: (context: AppContext) => Promise<T>, stderrLevel = 'warn'): Promise<T> {
  // A progress display holds these terminal lines back while it is shown (cli/terminal-logs.ts).
  const terminal = createTerminalLogs({ logFile: config.logLevel === 'silent' ? null : config.logFile });
  const logger = await createLogger({ level: config.logLevel, file: config.logFile, fileRequired: isExplicitLogFile(config), stderrLevel, stderr: terminal.stream });
  useTerminalLogs(terminal);
  const context = await createAppContext(config, { logger });
  try {
    return await body(context);
  } catch (error) {
    if (toWearablesError(error, 'INTERNAL_ERROR').code === 'INTERNAL_ERROR') logger.error({ err: error }, 'command failed with an unexpected error');
    throw error;
  } finally {
    await context.close();
    useTerminalLogs(undefined);
  }
}

/**
 * The context of a command that reads or syncs the cache. With `--demo` it is the demo's: the
 * simulator started in-process (the demo data directory's tokens belong to an earlier run's
 * simulator, whose port is gone) and its providers connected again, stopped after `body`.
 */
export async function withCommandContext<T>(global: GlobalOptions, body: (context: AppContext) => Promise<T>, extra: ConfigFlags = {}): Promise<T> {
  if (!global.demo) return withContext(configFor(global, extra), body);
  // The simulator loads only for --demo.
  const { connectDemoProviders, startDemoEnvironment } = await import('./demo-environment.js');
  const demo = await startDemoEnvironment(global);
  try {
    return await withContext(demo.config, async (context) => {
      await connectDemoProviders(context, demo.providers);
      return body(context);
    });
  } finally {
    await demo.close();
  }
}

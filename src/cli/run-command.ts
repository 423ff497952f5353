/** Wraps a command body: builds the context, reports errors with exit codes, always closes. */
import type { AppContext } from '../app/app-context.js';
import type { Config } from '../config/config.js';
import { createAppContext } from '../app/create-app-context.js';
import { toWearablesError } from '../core/errors.js';
import { isExplicitLogFile } from '../logging/log-file.js';
import { createLogger } from '../logging/logger.js';
import { reportError, type OutputOptions } from './output.js';

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
  const logger = await createLogger({ level: config.logLevel, file: config.logFile, fileRequired: isExplicitLogFile(config), stderrLevel });
  const context = await createAppContext(config, { logger });
  try {
    return await body(context);
  } catch (error) {
    if (toWearablesError(error, 'INTERNAL_ERROR').code === 'INTERNAL_ERROR') logger.error({ err: error }, 'command failed with an unexpected error');
    throw error;
  } finally {
    await context.close();
  }
}

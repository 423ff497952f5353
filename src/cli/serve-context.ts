/**
 * The start-up shared by `serve` (stdio) and `serve --http`: the configuration (the demo's,
 * pointing at an in-process simulator, with `--demo`), the logger and the app context.
 */
import { createAppContext } from '../app/create-app-context.js';
import type { AppContext } from '../app/app-context.js';
import type { Logger } from '../logging/logger.js';
import { isExplicitLogFile } from '../logging/log-file.js';
import { createDeferredLogger, createLogger } from '../logging/logger.js';
import { configFor, type GlobalOptions } from './options.js';

export interface ServeContext {
  context: AppContext;
  logger: Logger;
  /** In demo mode: the simulator's URL (its control API is at `/__control`). */
  demoSimulatorUrl?: string;
  /** In demo mode: subscribes the simulated providers' webhooks to the server at `serverUrl`. */
  subscribeDemoWebhooks?(serverUrl: string, verificationToken: string): Promise<string[]>;
  /** Closes the context and, in demo mode, the simulator. */
  close(): Promise<void>;
}

/** Opens what a server needs. `deferFile` keeps the logger's set-up (pino, the file) off the start-up path. */
export async function openServeContext(
  global: GlobalOptions,
  options: { toolsets?: string[]; deferFile?: boolean; stderrLevel?: string; demoWebhooks?: boolean },
): Promise<ServeContext> {
  let config = configFor(global, options.toolsets ? { toolsets: options.toolsets } : {});
  // The simulator loads only for --demo: it is not on the start-up path of a real server.
  const demoModule = global.demo ? await import('./demo-environment.js') : undefined;
  const demo = demoModule ? await demoModule.startDemoEnvironment(global, options.demoWebhooks ? { scheduledWebhooks: true } : {}) : undefined;
  if (demo) config = demo.config;
  try {
    const loggerOptions = { level: config.logLevel, file: config.logFile, fileRequired: isExplicitLogFile(config), ...(options.stderrLevel ? { stderrLevel: options.stderrLevel } : {}) };
    // Deferred: pino loads and the file opens in the background, off the start-up path.
    const logger = options.deferFile ? createDeferredLogger(loggerOptions) : await createLogger(loggerOptions);
    const context = await createAppContext(config, { logger });
    if (demo && demoModule) await demoModule.connectDemoProviders(context, demo.providers);
    return {
      context,
      logger,
      ...(demo ? { demoSimulatorUrl: demo.simulatorUrl } : {}),
      ...(demo ? { subscribeDemoWebhooks: (serverUrl: string, verificationToken: string) => demo.subscribeWebhooks(context, serverUrl, verificationToken) } : {}),
      async close() {
        await context.close();
        await demo?.close();
      },
    };
  } catch (error) {
    await demo?.close();
    throw error;
  }
}

/** `wearables-mcp simulate`: runs the provider simulator standalone on 127.0.0.1. */
import type { Command } from 'commander';
import { startSimulator } from '../simulator/index.js';
import { envPrefix } from '../providers/provider-module.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand } from './run-command.js';
import { DEMO_PERSONAL_TOKEN, DEMO_SEED } from './demo-environment.js';

/** Registers `simulate`. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(`Run the built-in ${PROVIDER_MODULES.filter((module) => module.demo).map((module) => module.displayName).join('/')} API simulator (OAuth and data) on 127.0.0.1`)
    .option('--port <n>', 'port (default 8787; 0 picks a free one)', '8787')
    .option('--seed <n>', 'seed of the synthetic person', String(DEMO_SEED))
    .action(async (options: { port: string; seed: string }) => {
      const global = program.opts<GlobalOptions>();
      const json = Boolean(global.json);
      await runCommand({ json }, async () => {
        const simulator = await startSimulator({
          port: Number(options.port),
          seed: Number(options.seed),
          personalAccessTokens: [DEMO_PERSONAL_TOKEN],
        });
        const simulated = PROVIDER_MODULES.filter((module) => simulator.endpoints[module.id]);
        printResult(
          { json },
          { url: simulator.url, ...simulator.endpoints, client_id: simulator.clientId, personal_access_token: DEMO_PERSONAL_TOKEN },
          () =>
            [
              `Simulator listening on ${simulator.url} (seed ${options.seed}). Ctrl-C to stop.`,
              '',
              'Point wearables-mcp at it:',
              ...simulated.flatMap(({ id }) => {
                const upper = envPrefix(id);
                const endpoints = simulator.endpoints[id];
                return [
                  `  export ${upper}_API_BASE_URL=${endpoints?.apiBaseUrl ?? ''}`,
                  `  export ${upper}_AUTH_BASE_URL=${endpoints?.authBaseUrl ?? ''}`,
                  `  export ${upper}_CLIENT_ID=${simulator.clientId} ${upper}_CLIENT_SECRET=${simulator.clientSecret}`,
                ];
              }),
              ...simulated.map(({ id }) => `  wearables-mcp connect ${id}`.padEnd(40) + '# OAuth against the simulator'),
              `  wearables-mcp connect <provider> --token ${DEMO_PERSONAL_TOKEN}`,
            ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await simulator.close();
      });
    });
}

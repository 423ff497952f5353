/** `wearables-mcp simulate`: runs the provider simulator standalone on 127.0.0.1. */
import type { Command } from 'commander';
import { startSimulator } from '../simulator/index.js';
import type { GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand } from './run-command.js';
import { DEMO_PERSONAL_TOKEN, DEMO_SEED } from './demo-environment.js';

/** Registers `simulate`. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('Run the built-in Oura/WHOOP/Withings API simulator (OAuth and data) on 127.0.0.1')
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
        printResult(
          { json },
          { url: simulator.url, oura: simulator.oura, client_id: simulator.clientId, personal_access_token: DEMO_PERSONAL_TOKEN },
          () =>
            [
              `Simulator listening on ${simulator.url} (seed ${options.seed}). Ctrl-C to stop.`,
              '',
              'Point wearables-mcp at it:',
              `  export OURA_API_BASE_URL=${simulator.oura.apiBaseUrl}`,
              `  export OURA_AUTH_BASE_URL=${simulator.oura.authBaseUrl}`,
              `  export OURA_CLIENT_ID=${simulator.clientId} OURA_CLIENT_SECRET=${simulator.clientSecret}`,
              `  wearables-mcp connect oura            # OAuth + PKCE against the simulator`,
              `  wearables-mcp connect oura --token ${DEMO_PERSONAL_TOKEN}`,
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

#!/usr/bin/env node
/** The `wearables-mcp` command line. Every command takes `--json` and exits with a meaningful code. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerConnectCommands } from './connect.js';
import { registerDemoCommand } from './demo.js';
import { registerExportCommand } from './export.js';
import { registerPurgeCommand } from './purge.js';
import { registerServeCommand } from './serve.js';
import { registerSimulateCommand } from './simulate.js';
import { registerStatusCommand } from './status.js';
import { registerSyncCommand } from './sync.js';
import { registerWebhooksCommand } from './webhooks.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('wearables-mcp')
  .description('Your Oura, WHOOP and Withings data, mirrored locally and served to your AI assistant over MCP')
  .version(packageJson.version)
  .option('--json', 'machine-readable output')
  .option('--home <dir>', 'data directory (default: platform data dir, or WEARABLES_MCP_HOME)')
  .option('--demo', 'use the demo data directory and the built-in simulator')
  .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
  .option('--config <file>', 'config file (default: <home>/config.json)')
  .showHelpAfterError();

registerConnectCommands(program);
registerSyncCommand(program);
registerStatusCommand(program);
registerExportCommand(program);
registerServeCommand(program);
registerDemoCommand(program);
registerSimulateCommand(program);
registerPurgeCommand(program);
registerWebhooksCommand(program);

await program.parseAsync(process.argv);

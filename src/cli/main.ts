#!/usr/bin/env node
/** The `wearables-mcp` command line. Every command takes `--json` and exits with a meaningful code. */
import { PACKAGE_VERSION } from '../core/version.js';
import { Command } from 'commander';
import { registerCommands } from './command-table.js';


const program = new Command()
  .name('wearables-mcp')
  .description('Your Oura, WHOOP and Withings data, mirrored locally and served to your AI assistant over MCP')
  .version(PACKAGE_VERSION)
  .option('--json', 'machine-readable output')
  .option('--home <dir>', 'data directory (default: platform data dir, or WEARABLES_MCP_HOME)')
  .option('--demo', 'use the demo data directory and the built-in simulator')
  .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
  .option('--config <file>', 'config file (default: <home>/config.json)')
  .showHelpAfterError();

await registerCommands(program, process.argv.slice(2));

await program.parseAsync(process.argv);

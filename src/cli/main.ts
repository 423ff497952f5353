#!/usr/bin/env node
/** The `wearables-mcp` command line. Every command takes `--json` and exits with a meaningful code. */
import { PACKAGE_VERSION } from '../core/version.js';
import { Command } from 'commander';
import { registerCommands } from './command-table.js';
import { commanderOutput, reportParseFailure, wantsJson } from './usage-errors.js';

const args = process.argv.slice(2);
const json = wantsJson(args);

// exitOverride and the output settings are set before the commands are added: subcommands copy them.
const program = new Command()
  .name('wearables-mcp')
  .description('Your wearable data, mirrored locally and served to your AI assistant over MCP')
  .version(PACKAGE_VERSION)
  .option('--json', 'machine-readable output')
  .option('--home <dir>', 'data directory (default: platform data dir, or WEARABLES_MCP_HOME)')
  .option('--demo', 'use the demo data directory and the built-in simulator')
  .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
  .option('--config <file>', 'config file (default: <home>/config.json)')
  .exitOverride()
  .configureOutput(commanderOutput(json))
  .showHelpAfterError();

await registerCommands(program, args);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportParseFailure(json, error);
}

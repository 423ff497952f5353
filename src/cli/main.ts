#!/usr/bin/env node
/** The `wearables-mcp` command line. Every command takes `--json` and exits with a meaningful code. */
import { PACKAGE_VERSION } from '../core/version.js';
import { Command } from 'commander';
import { registerCommands } from './command-table.js';
import { addExamples, configureHelp } from './help-text.js';
import { refuseDemoWhereMeaningless } from './demo-flag.js';
import { homeFlag, loadDotEnvFiles } from '../config/dot-env.js';
import { reportError } from './output.js';
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
configureHelp(program);

program.hook('preAction', (_command, actionCommand) => refuseDemoWhereMeaningless(program, actionCommand));

if (loadEnvironmentFiles()) {
  await registerCommands(program, args);
  addExamples(program);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    process.exitCode = reportParseFailure(json, error);
  }
}

/** Reads ./.env and <home>/.env below the real environment; false (reported) when one is unusable. */
function loadEnvironmentFiles(): boolean {
  try {
    const home = homeFlag(args);
    const result = loadDotEnvFiles({ env: process.env, cwd: process.cwd(), ...(home !== undefined ? { home } : {}) });
    if (result.skipped && !json) process.stderr.write(`wearables-mcp: .env not read: ${result.skipped}.\n`);
    return true;
  } catch (error) {
    process.exitCode = reportError({ json }, error);
    return false;
  }
}

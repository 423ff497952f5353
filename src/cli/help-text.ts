/**
 * Help a person can act on: every command's `--help` lists the global flags (`--json`, `--demo`,
 * `--home`, ...) and ends with examples. Providers appear as `<provider>` (the ids are listed by
 * the argument's own help), so nothing here names one.
 */
import type { Command } from 'commander';

/** Command word -> example lines (command, then what it does). */
const EXAMPLES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  connect: [
    ['wearables-mcp connect <provider>', 'OAuth in your browser (set <PROVIDER>_CLIENT_ID/_SECRET first)'],
    ['wearables-mcp connect <provider> --no-browser', 'over SSH: print the URL, paste the redirect URL back'],
    ['wearables-mcp connect <provider> --token <token>', 'a personal access token instead of OAuth'],
  ],
  disconnect: [
    ['wearables-mcp disconnect <provider>', 'forget the tokens, keep the cached data'],
    ['wearables-mcp disconnect <provider> --purge-data', 'and delete its cached records'],
  ],
  sync: [
    ['wearables-mcp sync', 'every connected provider, only what changed'],
    ['wearables-mcp sync <provider> --full', "one provider's whole history (resumes an interrupted one)"],
    ['wearables-mcp sync --since 2026-01-01 --resources sleep', 'one resource from a day on'],
    ['wearables-mcp --demo sync', 'the simulated person, in the demo data directory'],
    ['wearables-mcp sync --json', 'one JSON document on stdout (exit code 0 when every provider is ok)'],
  ],
  import: [
    ['wearables-mcp import <provider> export.zip', "a provider's export file (a newer export adds only what is new)"],
    ['wearables-mcp import <provider> export.zip --json', 'one JSON document on stdout (exit code 0 when the import is ok)'],
  ],
  status: [
    ['wearables-mcp status', 'connections, token expiry, last sync, cache size'],
    ['wearables-mcp --demo status', 'the same for the demo data'],
  ],
  export: [
    ['wearables-mcp export --kind sleep --provider <provider> --format csv --out sleep.csv', 'one resource as CSV'],
    ['wearables-mcp export --kind all --format parquet --out ./parquet', 'every resource, one file each'],
    ['wearables-mcp export --kind daily_activity --format fhir --out steps.json --start 2026-01-01', 'FHIR R4 Observations'],
  ],
  serve: [
    ['wearables-mcp serve', 'MCP over stdio, for Claude Desktop, Claude Code, Cursor ...'],
    ['claude mcp add wearables -- wearables-mcp serve', 'add it to Claude Code'],
    ['AUTH_TOKEN=$(openssl rand -hex 32) wearables-mcp serve --http', 'Streamable HTTP at http://127.0.0.1:3001/mcp'],
    ['wearables-mcp --demo serve', 'serve the simulated person (no account needed)'],
  ],
  demo: [
    ['wearables-mcp demo', 'simulator, 3 devices, 90 days synced, the last week across devices'],
    ['wearables-mcp demo --days 30 --verbose', 'a shorter history, with every detail'],
  ],
  simulate: [['wearables-mcp simulate --port 8787', 'the provider APIs on 127.0.0.1, printing the variables that point wearables-mcp at them']],
  purge: [
    ['wearables-mcp purge', 'delete every file wearables-mcp wrote (asks first)'],
    ['wearables-mcp --demo purge --yes', 'delete only the demo data'],
  ],
  webhooks: [
    ['wearables-mcp webhooks subscribe <provider>', 'push notifications to PUBLIC_BASE_URL/webhooks/<provider>'],
    ['wearables-mcp webhooks list <provider>', 'what is subscribed'],
  ],
  migrate: [
    ['WEARABLES_MCP_ENCRYPTION_KEY=<hex> wearables-mcp migrate --to postgres://me@db.host/wearables', 'the home into a new account'],
    ['wearables-mcp migrate --to postgres://me@db.host/wearables --account local', 'the account `serve` with DATABASE_URL reads'],
    ['wearables-mcp migrate --to sqlite:copy.db --json', 'into another SQLite file, one JSON document'],
  ],
  report: [
    ['wearables-mcp report', 'the last 30 days as report.html'],
    ['wearables-mcp report --days 90 --out ~/health.html', 'a longer period, elsewhere'],
  ],
};

/** Rows wider than this put their comment on the next line. */
const MAX_WIDTH = 100;

/** The examples block for `lines`: comments aligned, or below a long command. */
function examplesBlock(lines: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  const rows = lines.map(([command, what]) =>
    4 + width + what.length + 2 <= MAX_WIDTH ? `  ${command.padEnd(width)}  # ${what}` : `  ${command}\n      # ${what}`,
  );
  return `\nExamples:\n${rows.join('\n')}\n`;
}

/** Shows the global flags in every command's help (set before the commands are added: they copy it). */
export function configureHelp(program: Command): void {
  program.configureHelp({ showGlobalOptions: true });
  program.addHelpText(
    'after',
    `${examplesBlock([
      ['wearables-mcp demo', 'try it on the built-in simulator'],
      ['wearables-mcp connect <provider>', 'then: wearables-mcp sync, wearables-mcp serve'],
    ])}\nSettings come from flags, the environment, ./.env or <home>/.env, and <home>/config.json (see .env.example).\nRun \`wearables-mcp <command> --help\` for a command's options and examples.\n`,
  );
}

/** Appends its examples to each registered command's help. */
export function addExamples(program: Command): void {
  for (const command of program.commands) {
    const lines = EXAMPLES[command.name()];
    if (lines) command.addHelpText('after', examplesBlock(lines));
  }
}

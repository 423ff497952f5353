/**
 * The command an MCP client should start, as the user would type it: `wearables-mcp` when that
 * name on the PATH is this very program (installed, or `npm link`ed from a checkout), otherwise
 * `npx -y wearables-mcp` (the published package). Never `node <absolute path>`: such a line only
 * works on this machine, in this folder, until the checkout moves.
 */
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ClientCommand {
  command: string;
  args: string[];
}

export const PACKAGE_NAME = 'wearables-mcp';

export interface ClientCommandInput {
  /** The running script (process.argv[1]). */
  script: string | undefined;
  /** The PATH to look the name up on. */
  pathEnv: string | undefined;
  platform?: NodeJS.Platform;
}

/** How a client starts this program; `extra` are the arguments after it (`serve --demo`). */
export function clientCommand(input: ClientCommandInput, extra: readonly string[]): ClientCommand {
  const onPath = findOnPath(PACKAGE_NAME, input.pathEnv, input.platform ?? process.platform);
  const running = input.script ? realOrSelf(input.script) : undefined;
  if (onPath && running && realOrSelf(onPath) === running) return { command: PACKAGE_NAME, args: [...extra] };
  return { command: 'npx', args: ['-y', PACKAGE_NAME, ...extra] };
}

/** The command as one shell line. */
export function commandLine(command: ClientCommand): string {
  return [command.command, ...command.args].join(' ');
}

function findOnPath(name: string, pathEnv: string | undefined, platform: NodeJS.Platform): string | undefined {
  const names = platform === 'win32' ? [`${name}.cmd`, `${name}.exe`, name] : [name];
  for (const folder of (pathEnv ?? '').split(delimiter)) {
    if (!folder) continue;
    for (const candidate of names) {
      const path = join(folder, candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * `.env` files, below the real environment: the current directory's first, then the data
 * directory's (`<home>/.env`, the home as `--home`, the real environment or the first file name
 * it). A variable already set is never overridden, so the order is real environment > ./.env >
 * <home>/.env; an empty value (`NAME=`, as every line of .env.example) counts as unset. Parsed by
 * Node's own `util.parseEnv` (Node 20.12+). Only names are reported, never values.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as util from 'node:util';
import envPaths from 'env-paths';
import { WearablesError } from '../core/errors.js';
import { fileErrorReason } from '../core/thrown-errors.js';

/** A `.env` larger than this is refused (it is a settings file, not data). */
export const MAX_DOT_ENV_BYTES = 64 * 1024;

export interface DotEnvOptions {
  /** The environment to fill in (process.env in the CLI). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** The `--home` flag, when given. */
  home?: string;
}

export interface DotEnvResult {
  /** Files read, with the names of the variables each one set. */
  loaded: Array<{ path: string; names: string[] }>;
  /** Why a file that is there was not read (a Node without util.parseEnv). */
  skipped?: string;
}

type ParseEnv = (content: string) => Record<string, string | undefined>;

/** Fills `options.env` from the `.env` files, never over a variable that is set. */
export function loadDotEnvFiles(options: DotEnvOptions, parseEnv: ParseEnv | null = nodeParseEnv()): DotEnvResult {
  const loaded: DotEnvResult['loaded'] = [];
  let skipped: string | undefined;
  const cwdFile = resolve(options.cwd, '.env');
  const apply = (path: string) => {
    const text = readDotEnv(path);
    if (text === undefined) return;
    if (!parseEnv) {
      skipped = `reading ${path} needs Node.js 20.12 or newer (this is ${process.version}); set its variables in the environment instead`;
      return;
    }
    const values = parseEnv(text);
    const names: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === '' || options.env[name] !== undefined) continue;
      options.env[name] = value;
      names.push(name);
    }
    loaded.push({ path, names });
  };
  apply(cwdFile);
  const home = options.home ?? (options.env.WEARABLES_MCP_HOME || envPaths('wearables-mcp', { suffix: '' }).data);
  const homeFile = resolve(home, '.env');
  if (homeFile !== cwdFile) apply(homeFile);
  return { loaded, ...(skipped ? { skipped } : {}) };
}

function nodeParseEnv(): ParseEnv | null {
  const candidate = (util as { parseEnv?: ParseEnv }).parseEnv;
  return typeof candidate === 'function' ? candidate : null;
}

/** The file's text (size-checked); undefined when there is no file. */
function readDotEnv(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new WearablesError('CONFIG_ERROR', `Cannot read ${path}: ${fileErrorReason(error) ?? code ?? 'it could not be read'}.`, {
      hint: `Make ${path} readable by you (chmod 600), or remove it.`,
      cause: error,
    });
  }
  if (Buffer.byteLength(text) > MAX_DOT_ENV_BYTES) {
    throw new WearablesError('CONFIG_ERROR', `${path} is larger than ${MAX_DOT_ENV_BYTES / 1024} KB; a .env file holds settings only.`, {
      hint: `Keep only NAME=value lines in ${path} (see .env.example), or remove it.`,
    });
  }
  return text;
}

/** The `--home <dir>` / `--home=<dir>` of a command line, before any `--`. */
export function homeFlag(args: readonly string[]): string | undefined {
  let home: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') break;
    if (arg === '--home') home = args[++index];
    else if (arg.startsWith('--home=')) home = arg.slice('--home='.length);
  }
  return home;
}

/**
 * The home's own files (cache with its -wal/-shm/-journal, tokens and their lock, key, sync
 * locks, logs, config, temp files) are never an export or report target, whoever chose the path
 * and whatever export root contains the home. Paths are compared after `realpath` of their
 * nearest existing folder, so `..`, symbolic links or a second spelling of the home cannot
 * reach them.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WearablesError } from '../core/errors.js';

/** Where the server keeps its own files (from the configuration). */
export interface HomeFiles {
  /** The data directory; with the demo also the real one above it. */
  homes: readonly string[];
  /** The log file when it lives outside the home (rotated copies share its name). */
  logFile: string | null;
}

/** The home files of a configuration. */
export function homeFilesOf(config: { home: string; demo: boolean; logFile: string | null }): HomeFiles {
  return { homes: config.demo ? [config.home, dirname(config.home)] : [config.home], logFile: config.logFile };
}

/** `path` with its nearest existing ancestor resolved by `realpath` (the rest appended as given). */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

/** Top-level entries of a home that belong to the server (files, or folders with everything in them). */
const OWN_ENTRY = /^(?:wearables\.db.*|tokens\.json.*|config\.json|logs|\..*|.*\.lock)$/;

/** Whether `target` (real, absolute) is, or is inside, one of the server's own entries of `home`. */
function ownEntryOf(target: string, realHome: string): boolean {
  const rest = relative(realHome, target);
  if (rest === '' || rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest)) return false;
  return OWN_ENTRY.test(rest.split(sep)[0] ?? '');
}

/** Whether writing `path` would touch one of the home's own files. */
export async function isHomeFile(path: string, files: HomeFiles): Promise<boolean> {
  const target = await realPathOf(path);
  for (const home of files.homes) {
    if (ownEntryOf(target, await realPathOf(home))) return true;
  }
  if (files.logFile) {
    const log = await realPathOf(files.logFile);
    if (target === log || target.startsWith(`${log}.`)) return true;
  }
  return false;
}

/** Throws VALIDATION_ERROR when `path` is one of the home's own files; `shown` names it in the message. */
export async function assertNotHomeFile(path: string, files: HomeFiles, shown: string): Promise<void> {
  if (!(await isHomeFile(path, files))) return;
  throw new WearablesError('VALIDATION_ERROR', `${shown} is inside the wearables-mcp data folder (cache, tokens, key, logs, config); nothing is ever written there.`, {
    hint: 'Choose a path outside the data folder, or inside its exports/ folder.',
  });
}

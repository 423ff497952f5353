/**
 * Paths chosen by a model, confined to an export root: a relative path of plain names (no `..`,
 * no absolute path, no empty or dot segment), walked one component at a time with `lstat` so no
 * symbolic link is ever followed, directories created 0700, and the result checked once more
 * with `realpath`. Messages name only the relative path, never where the root is on disk.
 */
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { WearablesError } from '../core/errors.js';

/** Longest relative path accepted, in characters, and longest single name (common file systems: 255 bytes). */
export const MAX_RELATIVE_PATH = 512;
const MAX_SEGMENT_BYTES = 255;

const HINT = 'Pass a relative path inside the export folder, such as "sleep.csv" or "2024/sleep.csv" (no "..", no absolute path, no links).';

/** A relative export path split into validated names. */
export function parseRelativePath(input: string): string[] {
  const refuse = (why: string): never => {
    throw new WearablesError('VALIDATION_ERROR', `path ${why}.`, { hint: HINT });
  };
  if (input.length === 0) refuse('is empty');
  if (input.length > MAX_RELATIVE_PATH) refuse(`is longer than ${MAX_RELATIVE_PATH} characters`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(input)) refuse('contains a control character');
  if (isAbsolute(input) || /^[a-zA-Z]:/.test(input) || input.startsWith('\\') || input.startsWith('~')) refuse('must be relative to the export folder');
  const segments = input.split(/[/\\]/);
  if (segments.includes('..')) refuse('must not contain ".."');
  const names = segments.filter((segment, index) => !(segment === '' && index === segments.length - 1) && segment !== '.');
  if (names.length === 0 || names.some((segment) => segment === '')) refuse('must name a file (no empty segments)');
  if (names.some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) refuse(`has a name longer than ${MAX_SEGMENT_BYTES} bytes`);
  return names;
}

/** `names` joined for messages (always with `/`). */
export function displayPath(names: readonly string[]): string {
  return names.join('/');
}

/**
 * Makes sure `names` is a chain of real directories under `rootDir` (an already resolved, real
 * directory), creating missing ones with mode 0700; refuses any component that is a symbolic
 * link or not a directory. Returns the absolute real path of the last directory.
 */
export async function ensureConfinedDirectory(rootDir: string, names: readonly string[]): Promise<string> {
  let current = rootDir;
  for (const [index, name] of names.entries()) {
    current = join(current, name);
    const shown = displayPath(names.slice(0, index + 1));
    const entry = await lstat(current).catch(() => null);
    if (entry === null) {
      await mkdir(current, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw fileError(`Cannot create the folder ${shown}`, error);
      });
      await assertRealDirectory(current, shown);
    } else if (entry.isSymbolicLink()) {
      throw linkError(shown);
    } else if (!entry.isDirectory()) {
      throw new WearablesError('VALIDATION_ERROR', `${shown} is a file, not a folder.`, { hint: HINT });
    }
  }
  const real = await realpath(current);
  if (real !== current && !real.startsWith(rootDir + sep)) throw linkError(displayPath(names));
  return current;
}

/** Refuses `path` unless it is a directory reached without a symbolic link (a re-check after mkdir). */
async function assertRealDirectory(path: string, shown: string): Promise<void> {
  const entry = await lstat(path);
  if (entry.isSymbolicLink()) throw linkError(shown);
  if (!entry.isDirectory()) throw new WearablesError('VALIDATION_ERROR', `${shown} is a file, not a folder.`, { hint: HINT });
}

/** The VALIDATION_ERROR for a path component that is a symbolic link. */
export function linkError(shown: string): WearablesError {
  return new WearablesError('VALIDATION_ERROR', `${shown} is a symbolic link; exports never follow links.`, { hint: HINT });
}

/** A FILE_ERROR naming what failed and the errno code (never an absolute path). */
export function fileError(what: string, error: NodeJS.ErrnoException): WearablesError {
  return new WearablesError('FILE_ERROR', `${what} (${error.code ?? 'error'}).`, {
    hint: 'Check that the export folder exists and is writable by the server, and that the disk is not full; then retry.',
    cause: error,
  });
}

/**
 * Atomic file writes: the content goes to a temp file (created exclusively, mode 0600) in the
 * destination's directory and is moved under the requested name only when complete, so a
 * failure never leaves a half file behind. Nothing here follows a symbolic link: existing
 * entries are inspected with `lstat`, the temp file is created with O_EXCL, and the final name is
 * taken with `link` (exclusive) or, when replacing, `rename` (which replaces the entry itself).
 */
import { randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { link, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WearablesError } from '../core/errors.js';

/** The FILE_EXISTS error; `shown` is how the path is named to the caller. */
export function fileExistsError(shown: string, hint = 'Choose another path, or pass overwrite (--overwrite) to replace it.'): WearablesError {
  return new WearablesError('FILE_EXISTS', `${shown} already exists.`, { hint });
}

/** What is at `path` now, without following a link. */
export function entryAt(path: string): 'none' | 'file' | 'directory' | 'link' | 'other' {
  const entry = (() => {
    try {
      return lstatSync(path);
    } catch {
      return null;
    }
  })();
  if (entry === null) return 'none';
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'directory';
  return entry.isFile() ? 'file' : 'other';
}

/**
 * Throws unless `path` may be written: FILE_EXISTS when something is there and overwriting was
 * not asked for; VALIDATION_ERROR for a symbolic link or a non-file (never followed or replaced).
 */
export function assertWritable(path: string, overwrite: boolean, shown: string = path, existsHint?: string): void {
  const entry = entryAt(path);
  if (entry === 'none') return;
  if (entry === 'link') {
    throw new WearablesError('VALIDATION_ERROR', `${shown} is a symbolic link; it is never followed or replaced.`, { hint: 'Choose another file name.' });
  }
  if (entry !== 'file') throw new WearablesError('VALIDATION_ERROR', `${shown} exists and is not a regular file.`, { hint: 'Choose another file name.' });
  if (!overwrite) throw fileExistsError(shown, existsHint);
}

/**
 * Runs `write(tempPath)` and then moves the temp file to `path`. Without `overwrite` the move is a
 * hard link, which fails if `path` appeared meanwhile (no clobbering). On any failure the temp
 * file is removed and the error rethrown. Returns the final size in bytes. `write` must create
 * the temp file exclusively with mode 0600 (flag `wx`).
 */
export async function writeAtomically(path: string, overwrite: boolean, write: (tempPath: string) => Promise<void>, shown: string = path): Promise<number> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(tempPath);
    const { size } = await stat(tempPath);
    await publish(tempPath, path, overwrite, shown);
    return size;
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function publish(tempPath: string, path: string, overwrite: boolean, shown: string): Promise<void> {
  if (overwrite) {
    assertWritable(path, true, shown);
    await rename(tempPath, path);
    return;
  }
  try {
    await link(tempPath, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExistsError(shown);
    // Filesystems without hard links: check, then rename (a narrow race, still never a half file).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    assertWritable(path, false, shown);
    await rename(tempPath, path);
    return;
  }
  await rm(tempPath, { force: true });
}

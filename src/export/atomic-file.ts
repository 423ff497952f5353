/**
 * Atomic file writes: the content goes to a temp file in the destination's directory and is moved
 * under the requested name only when complete, so a failure never leaves a half file behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WearablesError } from '../core/errors.js';

/** The FILE_EXISTS error for `path`. */
export function fileExistsError(path: string): WearablesError {
  return new WearablesError('FILE_EXISTS', `${path} already exists.`, {
    hint: 'Choose another path, or pass overwrite (--overwrite) to replace it.',
  });
}

/** Throws FILE_EXISTS when `path` exists and overwriting was not asked for. */
export function assertWritable(path: string, overwrite: boolean): void {
  if (!overwrite && existsSync(path)) throw fileExistsError(path);
}

/**
 * Runs `write(tempPath)` and then moves the temp file to `path`. Without `overwrite` the move is a
 * hard link, which fails if `path` appeared meanwhile (no clobbering). On any failure the temp
 * file is removed and the error rethrown. Returns the final size in bytes.
 */
export async function writeAtomically(path: string, overwrite: boolean, write: (tempPath: string) => Promise<void>): Promise<number> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(tempPath);
    const { size } = await stat(tempPath);
    await publish(tempPath, path, overwrite);
    return size;
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function publish(tempPath: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(tempPath, path);
    return;
  }
  try {
    await link(tempPath, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExistsError(path);
    // Filesystems without hard links: check, then rename (a narrow race, still never a half file).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    assertWritable(path, false);
    await rename(tempPath, path);
    return;
  }
  await rm(tempPath, { force: true });
}

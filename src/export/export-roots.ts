/**
 * Export roots: the folders `export_data` may write into. Always `<home>/exports` (named
 * `exports`, created 0700); more only through the user's configuration
 * (`WEARABLES_MCP_EXPORT_ROOTS` or `exportRoots` in config.json), each named by its last path
 * segment. A tool argument can pick a root by name, never add one.
 */
import { chmod, lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { WearablesError } from '../core/errors.js';
import { fileError } from './confined-path.js';

/** The name of the root inside the home. */
export const DEFAULT_ROOT = 'exports';

export interface ExportRoot {
  name: string;
  /** Absolute path as configured (never shown to a model). */
  path: string;
}

/** Every root of a configuration: `exports` first, then the configured ones with unique names. */
export function exportRootsOf(config: { home: string; exportRoots: readonly string[] }): ExportRoot[] {
  const roots: ExportRoot[] = [{ name: DEFAULT_ROOT, path: join(config.home, DEFAULT_ROOT) }];
  const taken = new Set([DEFAULT_ROOT]);
  for (const path of config.exportRoots) {
    const base = basename(path) || 'root';
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}-${suffix}`;
    taken.add(name);
    roots.push({ name, path });
  }
  return roots;
}

/** The root called `name` (default `exports`); VALIDATION_ERROR naming the valid ones otherwise. */
export function pickRoot(roots: readonly ExportRoot[], name: string | undefined): ExportRoot {
  const wanted = name ?? DEFAULT_ROOT;
  const root = roots.find((candidate) => candidate.name === wanted);
  if (root) return root;
  throw new WearablesError('VALIDATION_ERROR', `Unknown export root "${wanted}".`, {
    hint: `Use one of: ${roots.map((candidate) => candidate.name).join(', ')} (more are added only by the user, with WEARABLES_MCP_EXPORT_ROOTS).`,
  });
}

/**
 * Opens a root for writing and returns its real absolute path. `exports` is created 0700 (and
 * tightened to 0700 if an older version left it wider) and must not be a symbolic link; a
 * configured root must be an existing folder (the user chose it, links in it included).
 */
export async function openRoot(root: ExportRoot): Promise<string> {
  if (root.name === DEFAULT_ROOT) return openHomeExports(root.path);
  const real = await realpath(root.path).catch(() => null);
  const info = real === null ? null : await stat(real).catch(() => null);
  if (real === null || !info?.isDirectory()) {
    throw new WearablesError('CONFIG_ERROR', `The export root "${root.name}" is not an existing folder.`, {
      hint: 'Ask the user to create it or to fix WEARABLES_MCP_EXPORT_ROOTS / exportRoots in config.json.',
    });
  }
  return real;
}

async function openHomeExports(path: string): Promise<string> {
  let entry = await lstat(path).catch(() => null);
  if (entry === null) {
    await mkdir(path, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      throw fileError('Cannot create the exports folder', error);
    });
    entry = await lstat(path);
  }
  if (entry.isSymbolicLink()) {
    throw new WearablesError('VALIDATION_ERROR', 'The exports folder is a symbolic link; exports never follow links.', {
      hint: 'Ask the user to replace <home>/exports with a real folder, or to add the link target as an export root (WEARABLES_MCP_EXPORT_ROOTS).',
    });
  }
  if (!entry.isDirectory()) {
    throw new WearablesError('FILE_ERROR', 'The exports entry of the data folder is not a folder.', { hint: 'Ask the user to move it away; it is recreated as a folder.' });
  }
  // Created by us: an older version left it 0755. Files inside are 0600 either way, so a folder
  // we may not chmod (another owner) is used as it is.
  if ((entry.mode & 0o077) !== 0) await chmod(path, 0o700).catch(() => undefined);
  return join(await realpath(join(path, '..')), DEFAULT_ROOT);
}

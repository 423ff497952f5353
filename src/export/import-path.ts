/**
 * Files a model may ask the server to import: a relative path inside an import root, either
 * `<home>/imports` (created 0700, never a link) or a folder the user configured as an export root
 * (`WEARABLES_MCP_EXPORT_ROOTS`), parsed like an export path (no `..`, no absolute path), walked
 * with `lstat` so no symbolic link is ever followed, and ending on a regular file. Messages name
 * only the relative path, never where the root is on disk.
 */
import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WearablesError } from '../core/errors.js';
import { displayPath, parseRelativePath } from './confined-path.js';
import { exportRootsOf, openRoot, type ExportRoot } from './export-roots.js';

/** The name of the import root inside the home. */
export const IMPORT_ROOT = 'imports';

const HINT = 'Pass a path relative to the import folder, such as "export.zip" or "2024/export.zip" (no "..", no absolute path, no links); the user copies the file there first.';

/** `imports` first, then the user's configured roots (the same names `export_data` uses). */
export function importRootsOf(config: { home: string; exportRoots: readonly string[] }): ExportRoot[] {
  const [, ...configured] = exportRootsOf(config);
  return [{ name: IMPORT_ROOT, path: join(config.home, IMPORT_ROOT) }, ...configured];
}

function refuse(message: string, hint = HINT): WearablesError {
  return new WearablesError('VALIDATION_ERROR', message, { hint });
}

async function openImportRoot(root: ExportRoot): Promise<string> {
  if (root.name !== IMPORT_ROOT) return openRoot(root);
  await mkdir(root.path, { recursive: true, mode: 0o700 }).catch(() => undefined);
  const entry = await lstat(root.path).catch(() => null);
  if (entry?.isSymbolicLink()) throw refuse('The imports folder is a symbolic link; imports never follow links.', 'Ask the user to replace <home>/imports with a real folder.');
  if (!entry?.isDirectory()) throw new WearablesError('FILE_ERROR', 'The imports folder of the data folder cannot be used.', { hint: 'Ask the user to check <home>/imports is a folder the server can read.' });
  return root.path;
}

/**
 * The absolute path of the file `path` names inside the import root `rootName` (default
 * `imports`). Refuses links, folders and missing files with a VALIDATION_ERROR or NOT_FOUND.
 */
export async function resolveImportFile(config: { home: string; exportRoots: readonly string[] }, rootName: string | undefined, path: string): Promise<{ root: string; file: string; shown: string }> {
  const roots = importRootsOf(config);
  const root = roots.find((candidate) => candidate.name === (rootName ?? IMPORT_ROOT));
  if (!root) throw refuse(`Unknown import root "${(rootName ?? '').slice(0, 60)}".`, `Use one of: ${roots.map((candidate) => candidate.name).join(', ')} (more are added only by the user).`);
  let names: string[];
  try {
    names = parseRelativePath(path);
  } catch (error) {
    throw error instanceof WearablesError ? refuse(error.message) : error;
  }
  let current = await openImportRoot(root);
  for (const [index, name] of names.entries()) {
    current = join(current, name);
    const shown = displayPath(names.slice(0, index + 1));
    const entry = await lstat(current).catch(() => null);
    if (entry === null) {
      throw new WearablesError('NOT_FOUND', `${shown} does not exist in the ${root.name} folder.`, { hint: `Ask the user to copy the file into the ${root.name} folder, then pass its relative path.` });
    }
    if (entry.isSymbolicLink()) throw refuse(`${shown} is a symbolic link; imports never follow links.`);
    const last = index === names.length - 1;
    if (last && !entry.isFile()) throw refuse(`${shown} is not a file.`);
    if (!last && !entry.isDirectory()) throw refuse(`${shown} is a file, not a folder.`);
  }
  return { root: root.name, file: current, shown: displayPath(names) };
}

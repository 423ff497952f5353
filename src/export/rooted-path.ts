/**
 * The destination of an export inside an export root: the root picked by name, the relative path
 * validated and its folders walked without following links. Shared by the `export_data` tool and
 * `wearables-mcp export --root`.
 */
import { join, relative, sep } from 'node:path';
import { displayPath, ensureConfinedDirectory, parseRelativePath } from './confined-path.js';
import { exportRootsOf, openRoot, pickRoot } from './export-roots.js';

export interface RootedPath {
  /** The root's name (`exports` or a configured root). */
  root: string;
  /** Absolute real path of the file (or of the folder, for kind "all"). */
  out: string;
  /** A path under the root as the caller should see it: relative, with `/`. */
  describe(path: string): string;
}

/** Resolves `path` (relative) under the root `rootName` for an export of `kind`. */
export async function resolveRootedPath(
  config: { home: string; exportRoots: readonly string[] },
  rootName: string | undefined,
  path: string,
  kind: string,
): Promise<RootedPath> {
  const root = pickRoot(exportRootsOf(config), rootName);
  const names = parseRelativePath(path);
  const rootDir = await openRoot(root);
  const folder = kind === 'all' ? names : names.slice(0, -1);
  const directory = await ensureConfinedDirectory(rootDir, folder);
  const out = kind === 'all' ? directory : join(directory, names[names.length - 1] ?? '');
  return {
    root: root.name,
    out,
    describe: (absolute) => displayPath(relative(rootDir, absolute).split(sep)) || '.',
  };
}

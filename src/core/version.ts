/**
 * This package's version, read once from its package.json. The file is found by walking up from
 * the running module, so it works from `src/` (tests), `dist/` and the bundled `dist/bin/chunks/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageVersion(start: string): string {
  let directory = start;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'wearables-mcp' && parsed.version) return parsed.version;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return '0.0.0';
}

/** The version in package.json (`0.0.0` when it cannot be found). */
export const PACKAGE_VERSION: string = findPackageVersion(dirname(fileURLToPath(import.meta.url)));

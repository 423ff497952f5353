/**
 * The npm tarball ships only the bundled CLI and the documents it names, and the bundle needs
 * nothing from the rest of `dist/` nor from a devDependency (an install would then break).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../e2e/cli-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'bin');
const DOCUMENTS = ['package.json', 'README.md', 'LICENSE', 'PRIVACY.md', 'CHANGELOG.md', '.env.example'];

interface PackageJson {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The file list `npm pack` would put in the tarball (lifecycle scripts skipped: no rebuild). */
async function packedFiles(): Promise<string[]> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { stdout } = await promisify(execFile)(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return report!.files.map((file) => file.path);
}

function bundleFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Static `from '...'`, side-effect `import '...'` and dynamic `import('...')` specifiers of a module. */
function importSpecifiers(source: string): string[] {
  // A side-effect import starts a statement; `command("import").description(...)` in the CLI is not one.
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /(?:^|[;}])\s*import\s*["']([^"']+)["']/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

describe('npm package contents', () => {
  let files: string[] = [];
  beforeAll(async () => {
    assertBuilt();
    files = await packedFiles();
  }, 60_000);

  it('ships the bundle and the documents, nothing of the unbundled dist/ tree and no source maps', () => {
    const outside = files.filter((path) => !path.startsWith('dist/bin/') && !DOCUMENTS.includes(path));
    expect(outside).toEqual([]);
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(DOCUMENTS));
    for (const target of Object.values(pkg.bin)) expect(files).toContain(target.replace(/^\.\//, ''));
    const shipped = bundleFiles(BUNDLE).map((path) => relative(ROOT, path).split('\\').join('/'));
    expect(files.filter((path) => path.startsWith('dist/bin/')).sort()).toEqual(shipped.filter((path) => !path.endsWith('.map')).sort());
  });

  it('the bundle imports only its own files, Node built-ins and runtime dependencies', () => {
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    let relativeImports = 0;
    for (const file of bundleFiles(BUNDLE).filter((path) => path.endsWith('.js'))) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          relativeImports++;
          const target = join(dirname(file), specifier);
          if (!target.startsWith(BUNDLE) || !existsSync(target)) problems.push(`${relative(ROOT, file)} -> ${specifier}`);
        } else if (!specifier.startsWith('node:') && !builtins.has(specifier) && !(packageName(specifier) in pkg.dependencies)) {
          problems.push(`${relative(ROOT, file)} -> ${specifier} (not a runtime dependency)`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(relativeImports).toBeGreaterThan(10);
  });
});

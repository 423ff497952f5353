/**
 * Transpiles the modules a child process needs (their relative import graph) into a scratch
 * folder inside the repository, so the output resolves `node_modules` like `dist/` does. Uses
 * `ts.transpileModule` per file (no type-checking; `tsc` covers that), which takes well under a
 * second, and stays apart from `dist/` so builds by others cannot race with a running test.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../../..');
const source = join(root, 'src');

export interface CompiledModules {
  /** Absolute folder mirroring `src/` with `.js` files. */
  dir: string;
  remove(): Promise<void>;
}

/** Transpiles `entries` (paths relative to `src/`, `.ts`) and every relative module they import. */
export async function compileForChildProcess(entries: string[]): Promise<CompiledModules> {
  const dir = join(root, '.tmp', `auth-build-${process.pid}-${randomBytes(4).toString('hex')}`);
  const pending = entries.map((entry) => join(source, entry));
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const text = await readFile(file, 'utf8');
    const output = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true, verbatimModuleSyntax: true },
    });
    const target = join(dir, relative(source, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
    for (const match of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'(\.{1,2}\/[^']+)\.js'/gms)) {
      pending.push(resolve(dirname(file), `${match[1]}.ts`));
    }
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

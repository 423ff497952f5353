/**
 * A provider is one folder and one registry line: no file under `src/` outside
 * `src/providers/<id>/`, `src/simulator/` and the registry names a registered provider, whether
 * in an identifier (`createAcmeProvider`, `ACME_MODULE`), a string or a comment. Everything else
 * reads what the provider modules declare.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_MODULES } from '../../src/providers/registry.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const REGISTRY = 'providers/registry.ts';

/** Words of a text, identifiers split too: `createAcmeProvider`, `ACME_ID`, `acme-band` → `create acme provider`, `acme id`, `acme band`. */
function words(text: string): string {
  const split = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .toLowerCase();
  return ` ${split} `;
}

/** The registered names as word sequences: each id and each display name. */
const NAMES = [...new Set(PROVIDER_MODULES.flatMap((module) => [words(module.id).trim(), words(module.displayName).trim()]))];

/** The provider names `text` contains, as whole words. */
function namesIn(text: string): string[] {
  const haystack = words(text);
  return NAMES.filter((name) => haystack.includes(` ${name} `));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}

/** Whether a file (relative to `src/`, `/` separators) may name providers. */
function mayNameProviders(file: string): boolean {
  if (file === REGISTRY || file.startsWith('simulator/')) return true;
  return PROVIDER_MODULES.some((module) => file.startsWith(`providers/${module.id}/`));
}

describe('provider names', () => {
  it('are found in identifiers, strings and comments (case-insensitive, whole words only)', () => {
    const [first] = PROVIDER_MODULES;
    const id = first.id;
    const pascal = id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
    expect(namesIn(`const x = create${pascal}Provider();`)).toContain(words(id).trim());
    expect(namesIn(`const ${id.toUpperCase().replace(/-/g, '_')}_MODULE = 1;`)).toContain(words(id).trim());
    expect(namesIn(`// the ${first.displayName} ring`)).toContain(words(first.displayName).trim());
    expect(namesIn(`'${id}'`)).toContain(words(id).trim());
    expect(namesIn(`const ${id}x = 'pre${id}';`)).toEqual([]);
  });

  it('appear in every provider folder (the scan reads real files)', () => {
    const files = sourceFiles(SRC).map((path) => relative(SRC, path).split(sep).join('/'));
    for (const module of PROVIDER_MODULES) {
      const own = files.filter((file) => file.startsWith(`providers/${module.id}/`));
      expect(own.length, module.id).toBeGreaterThan(0);
      expect(own.some((file) => namesIn(readFileSync(join(SRC, file), 'utf8')).length > 0), module.id).toBe(true);
    }
  });

  it('appear in no file under src/ outside the provider folders, the simulator and the registry', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const file = relative(SRC, path).split(sep).join('/');
      if (mayNameProviders(file)) continue;
      const text = readFileSync(path, 'utf8');
      text.split('\n').forEach((line, index) => {
        const found = namesIn(line);
        if (found.length > 0) offenders.push(`src/${file}:${index + 1} names ${found.join(', ')}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

/**
 * Strict layers: no file under `src/` imports (even `import type`) a file of a higher layer. The
 * order is declared here and in docs/architecture.md. Provider modules are plug-ins: the seams
 * they plug into (the provider seam, the day-view and FHIR declaration types, the MCP tool kit)
 * sit below them; the features that iterate the registry (day view, exports, report, MCP server,
 * HTTP) sit above them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Layers, lowest first; a file belongs to the first layer with a matching pattern. */
const LAYERS: ReadonlyArray<{ name: string; files: readonly RegExp[] }> = [
  { name: 'core', files: [/^core\//, /^types\//] },
  { name: 'logging', files: [/^logging\//] },
  { name: 'store', files: [/^store\//] },
  {
    name: 'provider seam and implementations',
    files: [/^providers\/(provider|oauth-adapter|standard-oauth|webhook-capability|webhook-signatures|windows|reported-zone)\.ts$/, /^providers\/[a-z-]+\/(?!tools\/|index\.ts$|day-view\.ts$|fhir\.ts$)/],
  },
  { name: 'auth', files: [/^auth\//] },
  { name: 'sync', files: [/^sync\//] },
  { name: 'webhooks', files: [/^webhooks\//] },
  {
    name: 'extension kits and the provider parts plugged into them',
    files: [
      /^analysis\/source-mapping\.ts$/,
      /^export\/fhir\/metric-types\.ts$/,
      /^mcp\/(errors|tools\/(define-tool|tool-services|user-confirmation))\.ts$/,
      /^mcp\/tools\/shared\//,
      /^mcp\/resources\/resource-support\.ts$/,
      /^mcp\/response\.ts$/,
      /^providers\/[a-z-]+\/(tools\/|day-view\.ts$|fhir\.ts$)/,
    ],
  },
  { name: 'provider modules and the registry', files: [/^providers\/(registry|provider-module)\.ts$/, /^providers\/[a-z-]+\/index\.ts$/] },
  { name: 'config', files: [/^config\//] },
  { name: 'features', files: [/^analysis\//, /^export\//, /^report\//, /^mcp\//, /^http\//, /^scheduler\//] },
  { name: 'hosted', files: [/^hosted\//] },
  { name: 'app', files: [/^app\//, /^simulator\//] },
  { name: 'cli', files: [/^cli\//] },
];

function layerOf(file: string): number {
  const index = LAYERS.findIndex((layer) => layer.files.some((pattern) => pattern.test(file)));
  if (index === -1) throw new Error(`src/${file} is in no layer: add it to LAYERS (and docs/architecture.md).`);
  return index;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

/** Relative imports and re-exports of a file (static, `import type`, and dynamic `import()`), as src-relative paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\s*\(\s*'(\.[^']+)'\s*\)|^\s*import\s+'(\.[^']+)'/gm)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
  return specifiers.map((specifier) => posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

const FILES = sourceFiles(SRC);

describe('layers', () => {
  it('place every file of src/', () => {
    expect(FILES.length).toBeGreaterThan(100);
    for (const file of FILES) expect(() => layerOf(file)).not.toThrow();
  });

  it('see the imports they check (a file that imports upward is reported)', () => {
    expect(importsOf('cli/main.ts')).toContain('cli/command-table.ts');
    expect(layerOf('core/errors.ts')).toBeLessThan(layerOf('cli/main.ts'));
    expect(layerOf('providers/registry.ts')).toBeGreaterThan(layerOf('mcp/tools/define-tool.ts'));
    expect(layerOf('providers/registry.ts')).toBeLessThan(layerOf('mcp/server.ts'));
    expect(layerOf('hosted/hosted-server.ts')).toBeGreaterThan(layerOf('http/mcp-route.ts'));
    expect(layerOf('hosted/hosted-server.ts')).toBeLessThan(layerOf('app/start-hosted.ts'));
  });

  it('are never crossed upward: no file imports a file of a higher layer', () => {
    const upward: string[] = [];
    for (const file of FILES) {
      const layer = layerOf(file);
      for (const target of importsOf(file)) {
        if (!FILES.includes(target)) continue;
        const targetLayer = layerOf(target);
        if (targetLayer > layer) upward.push(`${file} (${LAYERS[layer]?.name}) imports ${target} (${LAYERS[targetLayer]?.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keep the day view and the report pure over stored rows: analysis/ and report/ never import the sync engine', () => {
    const engine = FILES.filter((file) => /^(analysis|report)\//.test(file)).flatMap((file) => importsOf(file).filter((target) => target.startsWith('sync/')).map((target) => `${file} imports ${target}`));
    expect(engine).toEqual([]);
  });
});

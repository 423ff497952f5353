/**
 * The tool manifest: every tool's `tools/list` entry (title, description, annotations, input and
 * output JSON Schemas, the MCP Apps view's resource) with the flags toolset selection and connection gating read
 * (toolset, provider, requiresAnyProvider). `npm run build` writes it to `dist/tool-manifest.json`
 * (scripts/gen-tool-manifest.mjs), so a server started from `dist/` lists its tools without
 * evaluating a tool module or building a zod schema; a toolset loads on the first call of one of
 * its tools. Measured reason: bench/cold-start.mjs. A test keeps it equal to the registry.
 * This module stays light: types and the reader only (the builder is build-tool-manifest.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolHints } from './define-tool.js';

/** The file name of the built manifest, in `dist/`. */
export const TOOL_MANIFEST_FILE = 'tool-manifest.json';

/** The manifest's format; a reader ignores any other. */
export const TOOL_MANIFEST_FORMAT = 1;

/** One tool: its exact `tools/list` fields plus what selection and gating read. */
export interface ToolManifestEntry {
  name: string;
  title: string;
  description: string;
  toolset: string;
  provider?: string;
  requiresAnyProvider?: boolean;
  annotations: ToolHints;
  inputSchema: Record<string, unknown>;
  /** Listed only when output schemas are advertised (`WEARABLES_MCP_OUTPUT_SCHEMAS`). */
  outputSchema: Record<string, unknown>;
  /** The MCP Apps view's resource: `_meta.ui.resourceUri`, listed to clients declaring MCP Apps. */
  viewResourceUri?: string;
}

/** Every tool in listing order. */
export interface ToolManifest {
  format: typeof TOOL_MANIFEST_FORMAT;
  tools: ToolManifestEntry[];
}

function isManifest(value: unknown): value is ToolManifest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ToolManifest>;
  return candidate.format === TOOL_MANIFEST_FORMAT && Array.isArray(candidate.tools);
}

/**
 * The manifest of the build this module belongs to: `tool-manifest.json` in the nearest `dist/`
 * above it (dist/mcp/tools/ or the bundle's dist/bin/chunks/). Undefined when the module is not
 * part of a build (tests run `src/`, whose tools are read from the registry instead), or when the
 * file is missing or of another format.
 */
export function readToolManifest(start: string = dirname(fileURLToPath(import.meta.url))): ToolManifest | undefined {
  let directory = start;
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(join(directory, 'package.json'))) return undefined;
    if (basename(directory) === 'dist') {
      const file = join(directory, TOOL_MANIFEST_FILE);
      if (!existsSync(file)) return undefined;
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return isManifest(parsed) ? parsed : undefined;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}

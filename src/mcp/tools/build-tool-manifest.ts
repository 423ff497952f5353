/**
 * Builds the tool manifest (tool-manifest.ts) from tool definitions: what `npm run build` writes
 * to `dist/tool-manifest.json`, and what a server run from `src/` (tests) lists instead. Each
 * schema is converted once per definition (listed-schemas.ts).
 */
import type { ToolDefinition } from './define-tool.js';
import { listedInputSchema, listedOutputSchema } from './listed-schemas.js';
import { loadAllTools } from './registry.js';
import { TOOL_MANIFEST_FORMAT, type ToolManifest, type ToolManifestEntry } from './tool-manifest.js';

/** The manifest entry of `tool`: its listing and its selection/gating flags. */
export function toolManifestEntry(tool: ToolDefinition): ToolManifestEntry {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    toolset: tool.toolset,
    ...(tool.provider !== undefined ? { provider: tool.provider } : {}),
    ...(tool.requiresAnyProvider ? { requiresAnyProvider: true } : {}),
    annotations: tool.annotations,
    inputSchema: listedInputSchema(tool),
    outputSchema: listedOutputSchema(tool),
    ...(tool.view ? { viewResourceUri: tool.view.resourceUri } : {}),
  };
}

/** The manifest of `tools`, in their order. */
export function buildToolManifest(tools: readonly ToolDefinition[]): ToolManifest {
  return { format: TOOL_MANIFEST_FORMAT, tools: tools.map(toolManifestEntry) };
}

let registryManifest: Promise<ToolManifest> | undefined;

/** The manifest of every registered tool, built once per process (every tool module evaluated). */
export function registryToolManifest(): Promise<ToolManifest> {
  registryManifest ??= loadAllTools().then(buildToolManifest);
  return registryManifest;
}

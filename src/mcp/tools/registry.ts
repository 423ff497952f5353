/**
 * Every tool, grouped into toolsets, each loaded on demand. `core` and `insights` tools are
 * provider-agnostic; every other toolset is a provider module's `loadTools`, named after the
 * provider whose connection gates it, so a provider's toolset plugs in through the provider
 * registry and nothing here. Loading is lazy so a server lists its tools from the build's
 * manifest (tool-manifest.ts) without evaluating a tool module; a toolset loads on the first
 * call of one of its tools.
 */
import { WearablesError } from '../../core/errors.js';
import { PROVIDER_MODULES } from '../../providers/registry.js';
import type { ToolDefinition, ToolHints } from './define-tool.js';

type ToolsetLoader = () => Promise<readonly ToolDefinition[]>;

/** Each toolset's loader, in the order toolsets are listed (`core` first). */
const TOOLSET_LOADERS: ReadonlyMap<string, ToolsetLoader> = new Map<string, ToolsetLoader>([
  ['core', () => import('./core/index.js').then((toolset) => toolset.CORE_TOOLS)],
  ['insights', () => import('./insights/index.js').then((toolset) => toolset.INSIGHTS_TOOLS)],
  ...PROVIDER_MODULES.flatMap((module): Array<[string, ToolsetLoader]> => (module.loadTools ? [[module.id, module.loadTools]] : [])),
]);

const loaded = new Map<string, Promise<readonly ToolDefinition[]>>();

/** The names of the toolsets that have loaders, in listing order. */
export function toolsetLoaderNames(): string[] {
  return [...TOOLSET_LOADERS.keys()];
}

/** The tools of toolset `name` (its modules evaluated once per process); none for an unknown name. */
export function loadToolset(name: string): Promise<readonly ToolDefinition[]> {
  let tools = loaded.get(name);
  if (!tools) {
    const loader = TOOLSET_LOADERS.get(name);
    tools = loader ? loader() : Promise.resolve([]);
    loaded.set(name, tools);
  }
  return tools;
}

/** All tool definitions, in the order they are listed (evaluates every tool module). */
export async function loadAllTools(): Promise<readonly ToolDefinition[]> {
  const toolsets = await Promise.all(toolsetLoaderNames().map((name) => loadToolset(name)));
  return toolsets.flat();
}

/**
 * The definition of tool `name` from toolset `toolset`, or an INTERNAL_ERROR when the build's
 * manifest names a tool the toolset does not have (a manifest older than the code).
 */
export async function loadTool(toolset: string, name: string): Promise<ToolDefinition> {
  const tool = (await loadToolset(toolset)).find((candidate) => candidate.name === name);
  if (tool) return tool;
  throw new WearablesError('INTERNAL_ERROR', `Tool ${name} is listed but toolset ${toolset} does not define it.`, {
    hint: 'The tool manifest is older than the code: rebuild (npm run build) and restart the server.',
  });
}

/** What toolset selection reads of a tool (a definition or a manifest entry). */
export interface SelectableTool {
  toolset: string;
  annotations: Pick<ToolHints, 'readOnlyHint'>;
}

/** The toolset names of `tools`, in listing order. */
export function toolsetNames(tools: readonly SelectableTool[]): string[] {
  return [...new Set(tools.map((tool) => tool.toolset))];
}

/**
 * The tools a server exposes for the requested toolsets (`all` or names) and read-only mode.
 * Unknown toolset names are reported so config mistakes are visible.
 */
export function selectTools<Tool extends SelectableTool>(
  requested: readonly string[],
  options: { readOnly?: boolean; tools: readonly Tool[] },
): { tools: Tool[]; unknown: string[] } {
  const all = options.tools;
  const known = new Set(toolsetNames(all));
  const wanted = new Set(requested.map((name) => name.trim().toLowerCase()).filter(Boolean));
  const everything = wanted.size === 0 || wanted.has('all');
  const unknown = [...wanted].filter((name) => name !== 'all' && !known.has(name));
  const tools = all.filter(
    (tool) => (everything || wanted.has(tool.toolset)) && (!options.readOnly || tool.annotations.readOnlyHint),
  );
  return { tools, unknown };
}

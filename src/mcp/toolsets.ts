/**
 * Toolset visibility: tools of a provider that is not connected stay out of `tools/list`. When
 * the set of connected providers changes, the affected tools are enabled/disabled and the client
 * gets `notifications/tools/list_changed`. In demo mode every provider counts as connected.
 */
import type { RegisteredTool } from '@modelcontextprotocol/server';
import type { HostContext } from './host-context.js';
import type { ProviderId } from '../core/types.js';

/** A registered tool and what its visibility depends on. */
export interface GatedTool {
  tool: { provider?: ProviderId; requiresAnyProvider?: boolean };
  handle: RegisteredTool;
}

async function isConnected(context: HostContext, provider: ProviderId): Promise<boolean> {
  if (context.config.demo) return true;
  try {
    return await context.tokens.isConnected(provider);
  } catch (error) {
    context.logger.warn({ provider, err: error }, 'could not read connection state; hiding provider tools');
    return false;
  }
}

/**
 * Enables exactly the provider tools whose provider is connected, and the `requiresAnyProvider`
 * tools while any registered provider is. Returns whether anything changed.
 */
export async function applyConnectionStates(context: HostContext, tools: readonly GatedTool[]): Promise<boolean> {
  const anyGated = tools.some(({ tool }) => tool.requiresAnyProvider);
  const providers = anyGated
    ? [...context.providers.keys()]
    : [...new Set(tools.flatMap(({ tool }) => (tool.provider ? [tool.provider] : [])))];
  const connected = new Map(await Promise.all(providers.map(async (id) => [id, await isConnected(context, id)] as const)));
  const anyConnected = [...connected.values()].some(Boolean);
  let changed = false;
  for (const { tool, handle } of tools) {
    if (!tool.provider && !tool.requiresAnyProvider) continue;
    const visible = tool.provider ? (connected.get(tool.provider) ?? false) : anyConnected;
    if (handle.enabled === visible) continue;
    // Each enable/disable asks the SDK for a list_changed notification; the server debounces them.
    if (visible) handle.enable();
    else handle.disable();
    changed = true;
  }
  return changed;
}

/** Re-applies connection states whenever tokens change; returns the unsubscribe function. */
export function watchConnections(context: HostContext, tools: readonly GatedTool[]): () => void {
  let queue: Promise<unknown> = Promise.resolve();
  return context.tokens.onConnectionsChanged(() => {
    // Serialized so two quick changes cannot interleave their enable/disable calls.
    queue = queue.then(() => applyConnectionStates(context, tools)).catch((error: unknown) => {
      context.logger.warn({ err: error }, 'could not update tool visibility');
    });
  });
}

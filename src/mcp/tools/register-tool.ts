/**
 * Registers one tool definition on an `McpServer`, with the MCP boundary around its handler:
 * input validation that answers VALIDATION_ERROR with what to fix, the response builder with the
 * tool's size budget, progress notifications, and the one error translation. Nothing a handler
 * throws gets past this boundary.
 */
import type { ClientCapabilities, McpServer, RegisteredTool, ServerContext, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { HostContext } from '../host-context.js';
import { WearablesError } from '../../core/errors.js';
import { errorText, toolErrorResult, type ToolErrorPayload } from '../errors.js';
import { listViewFor, requestCapabilities, supportsMcpApps } from '../mcp-apps.js';
import { buildToolResponse } from '../response.js';
import type { ToolContext, ToolDefinition } from './define-tool.js';
import { checkArgumentBounds, checkDayArguments, clip, describeIssues, MAX_ERROR_TEXT_BYTES } from './input-bounds.js';
import { advertisedOutput, dayArguments, listedInputSchema, listedOutputSchema, strictInput } from './listed-schemas.js';
import { inputRequiredFor, userConfirmation, UserInputNeeded } from './user-confirmation.js';

export { advertisedOutput } from './listed-schemas.js';

/**
 * The input schema as given to the SDK: the tool's listed JSON Schema (converted once, see
 * listed-schemas.ts), but a validator that accepts anything, so validation happens here and
 * fails as a VALIDATION_ERROR tool result (the SDK's own failure text says nothing about what to
 * do next).
 */
function advertisedInput(tool: ToolDefinition): StandardSchemaWithJSON<Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'wearables-mcp',
      validate: (value: unknown) => ({ value: (value ?? {}) as Record<string, unknown> }),
      jsonSchema: { input: () => listedInputSchema(tool), output: () => listedInputSchema(tool) },
    },
  };
}

/**
 * The output schema as given to the SDK when output schemas are advertised: zod's validation of
 * the answer (the SDK checks every successful result with it) and the compact listed JSON Schema.
 */
function advertisedOutputSchema(tool: ToolDefinition): StandardSchemaWithJSON<Record<string, unknown>> {
  const standard = advertisedOutput(tool)['~standard'];
  return {
    '~standard': {
      version: 1,
      vendor: 'wearables-mcp',
      validate: standard.validate as StandardSchemaWithJSON<Record<string, unknown>>['~standard']['validate'],
      jsonSchema: { input: () => listedOutputSchema(tool), output: () => listedOutputSchema(tool) },
    },
  };
}

function validationError(tool: ToolDefinition, error: z.ZodError): WearablesError {
  const accepted = Object.keys(tool.input.shape);
  return new WearablesError('VALIDATION_ERROR', `Invalid arguments for ${tool.name}: ${describeIssues(error.issues)}`, {
    hint: `Fix the named arguments and call ${tool.name} again${accepted.length > 0 ? ` (accepted: ${accepted.join(', ')}; dates as YYYY-MM-DD)` : ' with no arguments'}.`,
  });
}

function progressSender(request: ServerContext): ToolContext['progress'] {
  const token = request.mcpReq._meta?.progressToken;
  return (progress, total, message) => {
    if (token === undefined) return;
    const params = { progressToken: token, progress, ...(total !== undefined ? { total } : {}), ...(message ? { message } : {}) };
    request.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}

/**
 * The error answer, never over MAX_ERROR_TEXT_BYTES: a message or hint that quotes too much is
 * clipped (the code and the start of each stay).
 */
function smallErrorResult(error: unknown, app: HostContext, tool: ToolDefinition) {
  const result = toolErrorResult(error, app.logger, tool.name);
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  if (Buffer.byteLength(text, 'utf8') <= MAX_ERROR_TEXT_BYTES) return result;
  const payload = (result.structuredContent as { error: ToolErrorPayload }).error;
  // Clipped by characters: 400 + 200 UTF-16 units stay under 2 KB of UTF-8 with the frame.
  const clipped: ToolErrorPayload = { ...payload, message: clip(payload.message, 400), hint: clip(payload.hint, 200) };
  return { ...result, content: [{ type: 'text' as const, text: errorText(clipped) }], structuredContent: { error: clipped } };
}

/**
 * The answer with its view's data in `_meta` (the model reads the text, the view the `_meta`). A
 * view that fails to render costs the chart, never the answer.
 */
function withView<Response extends object>(response: Response, tool: ToolDefinition, payload: Record<string, unknown>, app: HostContext): Response {
  try {
    return { ...response, _meta: tool.view?.meta(payload) };
  } catch (error) {
    app.logger.warn({ err: error, tool: tool.name }, 'tool view not rendered; plain answer sent');
    return response;
  }
}

/**
 * Runs a tool behind the boundary: bound, validate (days against the app's clock), handle, fit to
 * budget, translate errors. A handler asking the user (UserInputNeeded) answers `input_required`;
 * `declared` are the client capabilities of a 2025-era connection.
 */
export async function runTool(tool: ToolDefinition, args: unknown, app: HostContext, request: ServerContext, declared?: ClientCapabilities) {
  try {
    checkArgumentBounds(tool.name, args);
    const parsed = strictInput(tool).safeParse(args ?? {});
    if (!parsed.success) throw validationError(tool, parsed.error);
    checkDayArguments(dayArguments(tool), parsed.data as Record<string, unknown>, app.now(), tool.clampedDays);
    const context: ToolContext = { app, signal: request.mcpReq.signal, progress: progressSender(request), confirmation: userConfirmation(request, declared) };
    const payload = (await tool.handle(parsed.data, context)) as Record<string, unknown>;
    const offset = 'offset' in tool.input.shape ? ((parsed.data as { offset?: number }).offset ?? 0) : undefined;
    const response = buildToolResponse(payload, {
      ...(tool.budgetBytes !== undefined ? { budgetBytes: tool.budgetBytes } : {}),
      ...(tool.truncationHint !== undefined ? { hint: tool.truncationHint } : {}),
      ...(offset !== undefined ? { offset } : {}),
    });
    if (!tool.view || !supportsMcpApps(requestCapabilities(request, declared))) return response;
    return withView(response, tool, payload, app);
  } catch (error) {
    if (error instanceof UserInputNeeded) return inputRequiredFor(error);
    return smallErrorResult(error, app, tool);
  }
}

/**
 * Runs the tool named `name` once `load` gives its definition (a toolset loaded on first call);
 * a failure to load answers as an error result like any other.
 */
export async function runListedTool(
  name: string,
  load: () => Promise<ToolDefinition>,
  args: unknown,
  app: HostContext,
  request: ServerContext,
  declared?: ClientCapabilities,
) {
  let tool: ToolDefinition;
  try {
    tool = await load();
  } catch (error) {
    return toolErrorResult(error, app.logger, name);
  }
  return runTool(tool, args, app, request, declared);
}

/**
 * Registers `tool` on `server` and returns the SDK handle (for enable/disable). With
 * `outputSchemas` the listing carries each tool's compact output schema; without (the default) it
 * carries none: an SDK client then compiles no validators before its first call (measured in
 * bench/tool-list-bench.mjs), and the answers still come as `structuredContent` and JSON text.
 */
export function registerTool(server: McpServer, tool: ToolDefinition, app: HostContext, options: { outputSchemas?: boolean } = {}): RegisteredTool {
  const registered = server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: advertisedInput(tool),
      ...(options.outputSchemas ? { outputSchema: advertisedOutputSchema(tool) } : {}),
      annotations: tool.annotations,
    },
    (args, request) => runTool(tool, args, app, request, server.server.getClientCapabilities()),
  );
  if (tool.view) listViewFor(server, registered, tool.view.resourceUri);
  return registered;
}

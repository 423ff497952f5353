/**
 * A tool is data: name, toolset, annotations, zod input/output schemas and a handler. The server
 * factory registers these definitions; handlers never build MCP results themselves (the response
 * builder and the error translation do that once, at the boundary).
 */
import type { z } from 'zod';
import type { ToolServices } from './tool-services.js';
import type { ProviderId } from '../../core/types.js';
import type { UserConfirmation } from './user-confirmation.js';

/** MCP tool annotations every tool must declare explicitly. */
export interface ToolHints {
  readOnlyHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
  destructiveHint?: boolean;
}

/** What a handler receives besides its validated input. */
export interface ToolContext {
  /** What the handler may use of the app (not the whole app: see `ToolServices`). */
  app: ToolServices;
  /** Sends `notifications/progress` when the client passed a progressToken; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): void;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** Asking the user through MCP elicitation (absent outside a real MCP request). */
  confirmation?: UserConfirmation;
}

/**
 * An MCP Apps view of a tool's answers: the `ui://` resource that draws them, and what each answer
 * carries for it in `_meta` (for clients declaring the extension only).
 */
export interface ToolView<Output extends z.ZodObject = z.ZodObject> {
  resourceUri: string;
  meta(output: z.input<Output>): Record<string, unknown>;
}

/** A tool definition: everything the registry, the server and the docs table need. */
export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** `core` for provider-agnostic tools, otherwise the provider id. */
  toolset: string;
  /** The provider whose connection gates this tool's visibility. */
  provider?: ProviderId;
  /** Visible while at least one registered provider is connected (cross-provider tools). */
  requiresAnyProvider?: boolean;
  annotations: ToolHints;
  input: Input;
  output: Output;
  /** JSON size budget of the answer in bytes (default `DEFAULT_BUDGET_BYTES`). */
  budgetBytes?: number;
  /** What to tell the model when the answer was cut to fit (default: narrow the date range). */
  truncationHint?: string;
  /**
   * Day arguments the handler clamps to the provider's history start (with a notice) instead of
   * refusing early days: the boundary checks only that they are real days not after the latest.
   */
  clampedDays?: readonly string[];
  /** An MCP Apps view of the answers (shown by clients with the extension; others see no change). */
  view?: ToolView<Output>;
  /** Parameter names worth listing in the README table (default: every input key). */
  keyParameters?: readonly string[];
  // Method syntax on purpose: it keeps definitions with specific schemas assignable to the
  // registry's `ToolDefinition[]` (method parameters are checked bivariantly).
  handle(input: z.output<Input>, context: ToolContext): Promise<z.input<Output>>;
}

/** Identity helper that infers the input/output types of a tool definition. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}

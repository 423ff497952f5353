/**
 * The JSON Schemas `tools/list` advertises, converted from zod once per tool definition and kept:
 * not per `tools/list`, not per server (the HTTP transport may build a server per request).
 * They are compacted on the way: a `format: date` field carries no 270-character calendar regex
 * (the format says it, and the boundary checks the day), and no schema repeats the default
 * `$schema` dialect (2020-12 is MCP's default).
 */
import type { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';
import { withDefaultBounds } from './input-bounds.js';
import { shareRepeatedSubschemas } from './shared-defs.js';
import { truncatedSchema } from './shared/schemas.js';

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

const TARGET = { target: 'draft-2020-12' } as const;

/** Formats whose name already says what the pattern zod writes next to them would check. */
const SELF_DESCRIBING_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'email']);

/** Keys whose values are data (not subschemas): copied as they are. */
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * `schema` without what a client learns nothing from: the `$schema` of the default dialect, a
 * pattern next to a self-describing format and a date's `maxLength` of 10; in answers (`output`) also integer bounds that only
 * restate 2^53 (arguments keep them: every argument is bounded where it enters), string
 * `propertyNames` and `additionalProperties: false`, so a client that validates does not break
 * when an answer gains a field.
 */
export function compactSchema(schema: JsonSchema, io: 'input' | 'output'): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node as JsonSchema)) out[key] = DATA_KEYS.has(key) ? value : visit(value);
    delete out.$schema;
    if (typeof out.format === 'string' && SELF_DESCRIBING_FORMATS.has(out.format)) delete out.pattern;
    // A `format: date` is ten characters by definition; the boundary still enforces the bound.
    if (out.format === 'date' && out.maxLength === 10) delete out.maxLength;
    if (io === 'output') {
      if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
      if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
      if (out.additionalProperties === false) delete out.additionalProperties;
      if (isStringSchema(out.propertyNames)) delete out.propertyNames;
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

function isStringSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && (value as JsonSchema).type === 'string';
}

let conversions = 0;

/** How many zod-to-JSON-Schema conversions this process has made (each tool's input and output at most once). */
export function schemaConversions(): number {
  return conversions;
}

function convert(schema: z.ZodObject, io: 'input' | 'output'): JsonSchema {
  conversions++;
  return schema['~standard'].jsonSchema[io](TARGET) as JsonSchema;
}

/** The `structuredContent` of every `isError` result (src/mcp/errors.ts). */
function errorOutputSchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', description: 'Stable error code, e.g. VALIDATION_ERROR, NOT_CONNECTED, RATE_LIMITED.' },
          message: { type: 'string' },
          hint: { type: 'string', description: 'What to do next.' },
          retry_after_seconds: { type: ['number', 'null'] },
        },
        required: ['code', 'message', 'hint', 'retry_after_seconds'],
      },
    },
    required: ['error'],
  };
}

const inputs = new WeakMap<ToolDefinition, JsonSchema>();
const outputs = new WeakMap<ToolDefinition, JsonSchema>();

/**
 * The input schema `tools/list` shows for `tool`: compact, with the default bounds the boundary
 * enforces written where a field sets none, and `additionalProperties: false` (unknown arguments
 * are refused). The same object on every call.
 */
export function listedInputSchema(tool: ToolDefinition): JsonSchema {
  let listed = inputs.get(tool);
  if (!listed) {
    listed = { ...withDefaultBounds(compactSchema(convert(tool.input, 'input'), 'input')), additionalProperties: false };
    inputs.set(tool, listed);
  }
  return listed;
}

const days = new WeakMap<ToolDefinition, readonly string[]>();

/** The top-level arguments of `tool` that hold a day (`format: date` in its listed schema). */
export function dayArguments(tool: ToolDefinition): readonly string[] {
  let fields = days.get(tool);
  if (!fields) {
    const properties = (listedInputSchema(tool).properties ?? {}) as Record<string, JsonSchema>;
    fields = Object.entries(properties)
      .filter(([, schema]) => schema.format === 'date')
      .map(([name]) => name);
    days.set(tool, fields);
  }
  return fields;
}

const strictInputs = new WeakMap<ToolDefinition, z.ZodObject>();

/**
 * `tool.input` refusing unknown arguments, built once: zod compiles an object schema's fast
 * path on its first parse, so a schema built per call would pay that on every call.
 */
export function strictInput(tool: ToolDefinition): z.ZodObject {
  let strict = strictInputs.get(tool);
  if (!strict) {
    strict = tool.input.strict();
    strictInputs.set(tool, strict);
  }
  return strict;
}

const answers = new WeakMap<ToolDefinition, z.ZodObject>();

/**
 * The output schema of `tool` as zod: its own plus the optional `truncated` note the response
 * builder adds. Built once per tool (a new schema per server would be compiled anew by zod).
 */
export function advertisedOutput(tool: ToolDefinition): z.ZodObject {
  let output = answers.get(tool);
  if (!output) {
    output = 'truncated' in tool.output.shape ? tool.output : tool.output.extend({ truncated: truncatedSchema });
    answers.set(tool, output);
  }
  return output;
}

/**
 * The output schema `tools/list` shows for `tool` when output schemas are advertised: its answer
 * (compact, repeated pieces as shared `$defs`) or the error answer `{ error: { code, ... } }`
 * that every `isError` result carries, so a client validating `structuredContent` accepts both.
 * The same object on every call.
 */
export function listedOutputSchema(tool: ToolDefinition): JsonSchema {
  let listed = outputs.get(tool);
  if (!listed) {
    const answer = compactSchema(convert(advertisedOutput(tool), 'output'), 'output');
    listed = shareRepeatedSubschemas({ type: 'object', anyOf: [answer, errorOutputSchema()] });
    outputs.set(tool, listed);
  }
  return listed;
}

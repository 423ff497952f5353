/**
 * Bounds every tool applies before its own schema: arguments of a sane size, and validation
 * errors that stay small. A model may send anything (a 5,000-item list, a 100,000-character
 * string); the answer to that is a short VALIDATION_ERROR, never an echo of the input or minutes
 * of work. Tool schemas bound their fields tighter; these defaults cover any field that does not
 * (and are advertised in `tools/list`, so the schema a client sees is the one enforced).
 */
import { z } from 'zod';
import { EARLIEST_DAY } from '../../core/bounds.js';
import { WearablesError } from '../../core/errors.js';
import { assertDayInBounds } from './shared/day-range.js';

/** Longest string any argument may be (a path of PATH_MAX; every named field is far shorter). */
export const DEFAULT_MAX_STRING_LENGTH = 4_096;

/** Most items any list argument may have. */
export const DEFAULT_MAX_ITEMS = 100;

/** Largest arguments object, as JSON. */
export const MAX_ARGUMENTS_BYTES = 32_768;

/** Deepest nesting of objects and lists in the arguments. */
const MAX_DEPTH = 8;

/** Most problems named in one VALIDATION_ERROR, and the longest text quoted of each. */
const MAX_PROBLEMS = 5;
const MAX_PROBLEM_LENGTH = 160;

/** Largest error answer (text) a tool returns. */
export const MAX_ERROR_TEXT_BYTES = 2_048;

/** `text` cut to `max` characters, marked with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The first place in `value` that breaks a default bound, described, or null. */
function firstViolation(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') {
    return value.length > DEFAULT_MAX_STRING_LENGTH ? `${path}: longer than ${DEFAULT_MAX_STRING_LENGTH} characters (${value.length})` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(value)) {
    if (value.length > DEFAULT_MAX_ITEMS) return `${path}: more than ${DEFAULT_MAX_ITEMS} items (${value.length})`;
    for (const [index, item] of value.entries()) {
      const found = firstViolation(item, `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > DEFAULT_MAX_ITEMS) return `${path}: more than ${DEFAULT_MAX_ITEMS} fields (${entries.length})`;
  for (const [key, item] of entries) {
    const found = firstViolation(item, path === '(arguments)' ? clip(key, 40) : `${path}.${clip(key, 40)}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Throws VALIDATION_ERROR when the raw arguments of `toolName` break a default bound (size,
 * string length, list length, depth), before any schema or handler spends time on them.
 */
export function checkArgumentBounds(toolName: string, args: unknown): void {
  const bytes = jsonBytes(args);
  const problem =
    bytes > MAX_ARGUMENTS_BYTES ? `(arguments): ${bytes} bytes of JSON, more than ${MAX_ARGUMENTS_BYTES}` : firstViolation(args, '(arguments)', 0);
  if (!problem) return;
  throw new WearablesError('VALIDATION_ERROR', `Invalid arguments for ${toolName}: ${problem}`, {
    hint: `Send shorter arguments (strings up to ${DEFAULT_MAX_STRING_LENGTH} characters, lists up to ${DEFAULT_MAX_ITEMS} items; dates as YYYY-MM-DD) and call ${toolName} again.`,
  });
}

/** A zod failure as one short line: at most MAX_PROBLEMS problems, each clipped. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const path = clip(issue.path.map(String).join('.') || '(arguments)', 60);
    return `${path}: ${clip(issue.message, MAX_PROBLEM_LENGTH)}`;
  });
  const more = issues.length > MAX_PROBLEMS ? `; and ${issues.length - MAX_PROBLEMS} more problem(s)` : '';
  return `${shown.join('; ')}${more}`;
}

type JsonSchema = Record<string, unknown>;

/**
 * Throws VALIDATION_ERROR when a day argument lies outside `[EARLIEST_DAY, latestDay(now)]`,
 * for every tool alike (whatever its handler does with the day afterwards). `fields` are the
 * tool's day arguments (`dayArguments` in listed-schemas.ts).
 */
export function checkDayArguments(fields: readonly string[], values: Record<string, unknown>, now: Date, clamped: readonly string[] = []): void {
  for (const field of fields) {
    const value = values[field];
    if (typeof value !== 'string') continue;
    // An early clamped day is moved to the history start by the handler; a late one is refused.
    if (clamped.includes(field) && value < EARLIEST_DAY) continue;
    assertDayInBounds(value, field, now);
  }
}

/** Exact lengths of the fixed-length string formats (what their patterns allow). */
const FORMAT_LENGTHS: Readonly<Record<string, number>> = { uuid: 36 };
/** Formats that bound their own length (`date` is YYYY-MM-DD): no `maxLength` is listed beside them (~0.8 KB of the listing). */
const SELF_BOUNDED_FORMATS: ReadonlySet<string> = new Set(['date']);

/**
 * `schema` (a tool's input JSON Schema) with the default bounds written where a field sets none:
 * `maxLength` on strings (the exact length of a `uuid`; none beside a `date`, which bounds
 * itself), `maxItems` on arrays. Returns a copy.
 */
export function withDefaultBounds(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node as JsonSchema)) {
      // `enum`/`const`/`default` hold values, not schemas: copy them untouched.
      out[key] = key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : visit(value);
    }
    if (out.type === 'string' && out.maxLength === undefined && out.enum === undefined && out.const === undefined && !SELF_BOUNDED_FORMATS.has(String(out.format))) {
      out.maxLength = FORMAT_LENGTHS[String(out.format)] ?? DEFAULT_MAX_STRING_LENGTH;
    }
    if (out.type === 'array' && out.maxItems === undefined) out.maxItems = DEFAULT_MAX_ITEMS;
    return out;
  };
  return visit(schema) as JsonSchema;
}

/**
 * A compact JSON-schema checker for the subset the Oura OpenAPI 3.1 spec uses ($ref, anyOf,
 * oneOf, allOf, type incl. null, enum, const, properties, required, items, additionalProperties,
 * min/maxLength, minimum/maximum, formats date and date-time). `strict` also rejects properties
 * the schema does not declare, so renamed or invented fields are caught.
 */
import { readSharedJson } from '../../support/shared.js';

export type Schema = Record<string, unknown>;

export interface OpenApiSpec {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

/** Loads the Oura 1.29 spec (`../shared/specs/oura/oura-openapi-1.29.json`); only inside `describeShared`. */
export function loadOuraSpec(): OpenApiSpec {
  return readSharedJson<OpenApiSpec>('specs', 'oura', 'oura-openapi-1.29.json');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

export class SchemaChecker {
  constructor(
    private readonly spec: OpenApiSpec,
    private readonly strict = true,
  ) {}

  /** Resolves a local `#/components/schemas/X` reference. */
  resolve(ref: string): Schema {
    const prefix = '#/components/schemas/';
    if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`);
    const schema = this.spec.components.schemas[ref.slice(prefix.length)];
    if (!schema) throw new Error(`Unknown $ref ${ref}`);
    return schema;
  }

  /** Errors of `value` against `schema` (empty = valid). */
  check(schema: Schema, value: unknown, path = '$'): string[] {
    if (typeof schema.$ref === 'string') return this.check(this.resolve(schema.$ref), value, path);
    const errors: string[] = [];
    const branches = (key: string): Schema[] | null => (Array.isArray(schema[key]) ? (schema[key] as Schema[]) : null);
    const anyOf = branches('anyOf') ?? branches('oneOf');
    if (anyOf) {
      const results = anyOf.map((branch) => this.check(branch, value, path));
      const passing = results.filter((r) => r.length === 0).length;
      if (passing === 0) {
        const best = results.reduce((a, b) => (b.length < a.length ? b : a));
        errors.push(`${path}: matches no anyOf branch (closest: ${best.join('; ')})`);
      }
      if (schema.oneOf && passing > 1) errors.push(`${path}: matches ${passing} oneOf branches`);
    }
    for (const branch of branches('allOf') ?? []) errors.push(...this.check(branch, value, path));
    const actual = typeOf(value);
    if (typeof schema.type === 'string' && !typeMatches(schema.type, actual)) {
      return [...errors, `${path}: expected ${schema.type}, got ${actual}`];
    }
    if (Array.isArray(schema.type) && !schema.type.some((t) => typeMatches(String(t), actual))) {
      return [...errors, `${path}: expected ${schema.type.join('|')}, got ${actual}`];
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
    if ('const' in schema && schema.const !== value) errors.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
    if (typeof value === 'string') {
      if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
      if (schema.format === 'date' && !DATE.test(value)) errors.push(`${path}: not a date: ${value}`);
      if (schema.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${path}: not a date-time: ${value}`);
    }
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
    }
    if (actual === 'array' && schema.items && typeof schema.items === 'object') {
      (value as unknown[]).forEach((item, i) => errors.push(...this.check(schema.items as Schema, item, `${path}[${i}]`)));
    }
    if (actual === 'object') {
      const object = value as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) {
        if (!(name in object)) errors.push(`${path}: missing required ${name}`);
      }
      for (const [name, child] of Object.entries(object)) {
        const declared = properties[name];
        if (declared) errors.push(...this.check(declared, child, `${path}.${name}`));
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          errors.push(...this.check(schema.additionalProperties as Schema, child, `${path}.${name}`));
        } else if (schema.additionalProperties === false || (this.strict && schema.additionalProperties !== true && schema.properties)) {
          errors.push(`${path}: undeclared property ${name}`);
        }
      }
    }
    return errors;
  }
}

/**
 * The success schema of `GET path`. List routes declare `anyOf [specific, *Dict]` (the Dict
 * variant is for `fields=` selections); this returns the specific one so checks are not vacuous.
 */
export function successSchema(spec: OpenApiSpec, path: string): Schema {
  const schema = spec.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`No 200 schema for GET ${path}`);
  const anyOf = schema.anyOf as Schema[] | undefined;
  if (!anyOf) return schema;
  const specific = anyOf.find((s) => typeof s.$ref === 'string' && !/ResponseDict$/.test(s.$ref));
  if (!specific) throw new Error(`No specific schema for ${path}`);
  return specific;
}

/**
 * Walking the JSON Schemas `tools/list` advertises: every sub-schema with its path, and the
 * bounds each kind of field must declare (strings a length, numbers a range, lists a size).
 */

export type JsonSchema = Record<string, unknown>;

/** Calls `visit` for `schema` and every schema nested in it (properties, items, anyOf, ...). */
export function walkSchema(schema: JsonSchema, visit: (node: JsonSchema, path: string) => void, path = ''): void {
  visit(schema, path);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties)) walkSchema(child, visit, `${path}.${name}`);
  if (schema.items && typeof schema.items === 'object') walkSchema(schema.items as JsonSchema, visit, `${path}[]`);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) branches.forEach((branch: JsonSchema, index) => walkSchema(branch, visit, `${path}|${key}${index}`));
  }
}

/** What is missing for `node` to be bounded, or null when it is. */
export function missingBound(node: JsonSchema): string | null {
  const has = (key: string): boolean => node[key] !== undefined;
  // A `format: date` is ten characters by definition (the listing drops its maxLength: 10).
  if (node.type === 'string' && !has('maxLength') && !has('enum') && !has('const') && node.format !== 'date') return 'string without maxLength/enum/const/date format';
  if ((node.type === 'number' || node.type === 'integer') && (!(has('minimum') || has('exclusiveMinimum')) || !(has('maximum') || has('exclusiveMaximum')))) {
    return 'number without minimum and maximum';
  }
  if (node.type === 'array' && !has('maxItems')) return 'array without maxItems';
  if (node.type === 'object' && node.additionalProperties !== false && node.properties) return 'object that accepts unknown fields';
  return null;
}

/** The branches of a field: its anyOf alternatives, or the field itself. */
export function branchesOf(field: JsonSchema): JsonSchema[] {
  return Array.isArray(field.anyOf) ? (field.anyOf as JsonSchema[]) : [field];
}

/** The names of the fields of a tool's input that name a day or an instant. */
export function isDayField(name: string, field: JsonSchema): boolean {
  return branchesOf(field).some((branch) => branch.format === 'date') || /(^|_)(date|start|end|since|until)$/.test(name);
}

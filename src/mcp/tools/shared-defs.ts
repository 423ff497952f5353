/**
 * Repeated pieces of one JSON Schema moved to `$defs` and referenced (`{"$ref": "#/$defs/day"}`),
 * so a list of day rows, a window or a note written in three places is spelled out once.
 */
type JsonSchema = Record<string, unknown>;

/** Keywords whose value is one subschema. */
const ONE = new Set(['items', 'additionalProperties', 'not', 'contains']);
/** Keywords whose value is a list of subschemas. */
const LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const MAP = new Set(['properties', 'patternProperties']);

/** Shortest subschema (as JSON) worth a `$defs` entry: a `$ref` costs about 25 bytes. */
const MIN_SHARED_LENGTH = 80;

/** Calls `visit(subschema, name)` for every subschema below `node` (not `node` itself). */
function eachSubschema(node: JsonSchema, visit: (schema: JsonSchema, name: string) => void, name = 'def'): void {
  for (const [key, value] of Object.entries(node)) {
    const children: Array<[string, unknown]> = MAP.has(key)
      ? Object.entries(value as JsonSchema)
      : LIST.has(key) && Array.isArray(value)
        ? value.map((item) => [name, item] as [string, unknown])
        : ONE.has(key)
          ? [[key === 'items' ? `${name}_item` : name, value]]
          : [];
    for (const [childName, child] of children) {
      if (child === null || typeof child !== 'object' || Array.isArray(child)) continue;
      visit(child as JsonSchema, childName);
      eachSubschema(child as JsonSchema, visit, childName);
    }
  }
}

/** The subschema whose sharing saves the most bytes, or null when none repeats. */
function bestRepeat(root: JsonSchema): { json: string; name: string } | null {
  const seen = new Map<string, { count: number; name: string }>();
  eachSubschema(root, (schema, name) => {
    if ('$ref' in schema) return;
    const json = JSON.stringify(schema);
    if (json.length < MIN_SHARED_LENGTH) return;
    const entry = seen.get(json);
    if (entry) entry.count++;
    else seen.set(json, { count: 1, name });
  });
  let best: { json: string; name: string; saving: number } | null = null;
  for (const [json, { count, name }] of seen) {
    const saving = (count - 1) * json.length;
    if (count > 1 && (!best || saving > best.saving)) best = { json, name, saving };
  }
  return best;
}

function replaced(node: unknown, json: string, ref: JsonSchema): unknown {
  if (Array.isArray(node)) return node.map((item) => replaced(item, json, ref));
  if (node === null || typeof node !== 'object') return node;
  if (JSON.stringify(node) === json) return ref;
  return Object.fromEntries(Object.entries(node as JsonSchema).map(([key, value]) => [key, replaced(value, json, ref)]));
}

/**
 * `schema` with every subschema that appears more than once (and is long enough to be worth it)
 * moved to `$defs` under a name taken from where it first appears. Returns a new schema.
 */
export function shareRepeatedSubschemas(schema: JsonSchema): JsonSchema {
  let body: JsonSchema = { ...schema };
  const defs: JsonSchema = {};
  for (let repeat = bestRepeat(body); repeat; repeat = bestRepeat(body)) {
    const base = repeat.name.replace(/[^A-Za-z0-9_]/g, '_');
    let name = base;
    for (let index = 2; name in defs; index++) name = `${base}_${index}`;
    defs[name] = JSON.parse(repeat.json) as JsonSchema;
    body = replaced(body, repeat.json, { $ref: `#/$defs/${name}` }) as JsonSchema;
  }
  return Object.keys(defs).length > 0 ? { ...body, $defs: defs } : body;
}

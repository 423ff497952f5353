/**
 * Canonical JSON and content hashes, shared by every store driver: two payloads that mean the
 * same thing (same keys and values, any key order) serialize to the same text and hash.
 */
import { createHash } from 'node:crypto';

/**
 * Serializes `value` as JSON with object keys sorted at every depth. Follows `JSON.stringify`
 * semantics otherwise: `toJSON` is honoured, `undefined`/functions are dropped from objects and
 * become `null` in arrays, non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      return serializeObject(value as object);
    default:
      return undefined;
  }
}

function serializeObject(value: object): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return serialize(withToJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => serialize(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = serialize(record[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

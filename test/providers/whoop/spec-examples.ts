/**
 * Sample WHOOP records assembled from the `example` values of the official v2 spec
 * (`/work/shared/specs/whoop/whoop-openapi.json`), so normalize tests run on the documented shapes.
 */
import { readFileSync } from 'node:fs';

export const WHOOP_SPEC_PATH = '/work/shared/specs/whoop/whoop-openapi.json';

type Schema = { $ref?: string; example?: unknown; properties?: Record<string, Schema>; type?: string; items?: Schema };
const spec = JSON.parse(readFileSync(WHOOP_SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Schema> } };

function build(schema: Schema): unknown {
  if (schema.$ref) return build(spec.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});
  if (schema.example !== undefined) return schema.example;
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, build(child)]));
  return null;
}

/** The spec example of a component schema (`Cycle`, `Sleep`, `Recovery`, `WorkoutV2`, ...). */
export function specExample(name: string): Record<string, unknown> {
  return build({ $ref: `#/components/schemas/${name}` }) as Record<string, unknown>;
}

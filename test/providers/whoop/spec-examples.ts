/**
 * Sample WHOOP records assembled from the `example` values of the official v2 spec
 * (`../shared/specs/whoop/whoop-openapi.json`, read on first use: call only inside `describeShared`), so normalize tests run on the documented shapes.
 */
import { readSharedJson } from '../../support/shared.js';

type Schema = { $ref?: string; example?: unknown; properties?: Record<string, Schema>; type?: string; items?: Schema };
type Spec = { components: { schemas: Record<string, Schema> } };
let cached: Spec | undefined;
const schemas = (): Record<string, Schema> => (cached ??= readSharedJson<Spec>('specs', 'whoop', 'whoop-openapi.json')).components.schemas;

function build(schema: Schema): unknown {
  if (schema.$ref) return build(schemas()[schema.$ref.split('/').pop() ?? ''] ?? {});
  if (schema.example !== undefined) return schema.example;
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, build(child)]));
  return null;
}

/** The spec example of a component schema (`Cycle`, `Sleep`, `Recovery`, `WorkoutV2`, ...). */
export function specExample(name: string): Record<string, unknown> {
  return build({ $ref: `#/components/schemas/${name}` }) as Record<string, unknown>;
}

/** Repeated pieces of one schema become shared `$defs`, and the schema still accepts and refuses the same values. */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { describe, expect, it } from 'vitest';
import { shareRepeatedSubschemas } from '../../src/mcp/tools/shared-defs.js';

const night = {
  type: 'object',
  properties: { day: { type: 'string', format: 'date' }, total_sleep_seconds: { type: ['number', 'null'] }, score: { type: ['number', 'null'] } },
  required: ['day', 'total_sleep_seconds', 'score'],
};
const schema = {
  type: 'object',
  properties: { primary: { anyOf: [night, { type: 'null' }] }, naps: { type: 'array', items: night }, earlier: { type: 'array', items: night } },
  required: ['primary', 'naps', 'earlier'],
};

describe('shared $defs', () => {
  it('spells a repeated subschema once and validates exactly as the original', () => {
    const shared = shareRepeatedSubschemas(schema);
    const text = JSON.stringify(shared);
    expect(text.split('"total_sleep_seconds":{').length - 1).toBe(1);
    expect(Object.keys(shared.$defs as object)).toHaveLength(1);
    expect(text.length).toBeLessThan(JSON.stringify(schema).length);
    const original = new AjvJsonSchemaValidator().getValidator(schema);
    const compact = new AjvJsonSchemaValidator().getValidator(shared);
    const good = { primary: null, naps: [{ day: '2024-06-01', total_sleep_seconds: 1200, score: null }], earlier: [] };
    const bad = { primary: { day: '2024-06-01', total_sleep_seconds: 'long', score: 80 }, naps: [], earlier: [] };
    for (const value of [good, bad]) expect(compact(value).valid).toBe(original(value).valid);
    expect(compact(good).valid).toBe(true);
    expect(compact(bad).valid).toBe(false);
  });

  it('leaves a schema without repeats as it was', () => {
    expect(shareRepeatedSubschemas(night)).toEqual(night);
  });
});

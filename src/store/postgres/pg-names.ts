/** Schema names and identifier quoting (a schema name is the one identifier that comes from outside). */
import { WearablesError } from '../../core/errors.js';

/** A schema name: lowercase letters, digits and `_`, starting with a letter or `_`, at most 63 characters. */
export const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function validSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_PATTERN.test(schema) || schema.startsWith('pg_')) {
    throw new WearablesError('CONFIG_ERROR', `The PostgreSQL schema name ${JSON.stringify(String(schema)).slice(0, 70)} is not allowed.`, {
      hint: 'Use lowercase letters, digits and underscores (not starting with pg_), e.g. wearables.',
    });
  }
  return schema;
}

/** Double-quotes an identifier (only ever applied to a validated schema name). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The hosted mode's own tables in the store's PostgreSQL database, beside the store driver's
 * (which it never touches): the authorization server's state (`hosted_oauth_payloads`, the
 * oidc-provider adapter's rows), the short refresh grace (`hosted_refresh_replies`), pending
 * provider sign-ins (`hosted_sign_ins`) and the audit log (`hosted_audit`). Versioned in
 * `hosted_schema_version`; `applyHostedSchema` runs the missing steps in one transaction under an
 * advisory lock, so every process may call it at start and only one applies a step.
 */
import type { Pool, PoolClient } from 'pg';

/** Bumped with every step appended to `STEPS`. */
export const HOSTED_SCHEMA_VERSION = 1;

const STEPS: readonly string[] = [
  `CREATE TABLE hosted_oauth_payloads (
     model text NOT NULL,
     key text NOT NULL,
     payload jsonb NOT NULL,
     grant_key text,
     uid_key text,
     user_code_key text,
     expires_at timestamptz,
     consumed_at timestamptz,
     PRIMARY KEY (model, key)
   );
   CREATE INDEX hosted_oauth_payloads_grant ON hosted_oauth_payloads (grant_key) WHERE grant_key IS NOT NULL;
   CREATE INDEX hosted_oauth_payloads_uid ON hosted_oauth_payloads (model, uid_key) WHERE uid_key IS NOT NULL;
   CREATE INDEX hosted_oauth_payloads_expiry ON hosted_oauth_payloads (expires_at) WHERE expires_at IS NOT NULL;
   CREATE TABLE hosted_refresh_replies (
     key text PRIMARY KEY,
     account_id text,
     reply jsonb NOT NULL,
     expires_at timestamptz NOT NULL
   );
   CREATE TABLE hosted_sign_ins (
     state_key text PRIMARY KEY,
     interaction_uid text NOT NULL,
     provider text NOT NULL,
     account_id text,
     verifier jsonb NOT NULL,
     expires_at timestamptz NOT NULL
   );
   CREATE TABLE hosted_audit (
     seq bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     account_id text,
     event text NOT NULL,
     detail jsonb NOT NULL DEFAULT '{}'::jsonb
   );
   CREATE INDEX hosted_audit_account ON hosted_audit (account_id, seq);`,
];

/** Creates or upgrades the hosted tables (idempotent; safe to run from several processes at once). */
export async function applyHostedSchema(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('wearables-mcp hosted schema'))`);
    await client.query('CREATE TABLE IF NOT EXISTS hosted_schema_version (version integer NOT NULL)');
    const current = await currentVersion(client);
    for (let step = current; step < STEPS.length; step++) await client.query(STEPS[step] as string);
    if (current === 0) await client.query('INSERT INTO hosted_schema_version (version) VALUES ($1)', [STEPS.length]);
    else if (current < STEPS.length) await client.query('UPDATE hosted_schema_version SET version = $1', [STEPS.length]);
    await client.query('COMMIT');
    return STEPS.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function currentVersion(client: PoolClient): Promise<number> {
  const result = await client.query<{ version: number }>('SELECT version FROM hosted_schema_version LIMIT 1');
  return result.rows[0]?.version ?? 0;
}

/** Removes expired authorization-server rows, refresh replies and sign-ins; returns how many went. */
export async function deleteExpired(pool: Pool): Promise<number> {
  let removed = 0;
  for (const table of ['hosted_oauth_payloads', 'hosted_refresh_replies', 'hosted_sign_ins']) {
    const result = await pool.query(`DELETE FROM ${table} WHERE expires_at < now()`);
    removed += result.rowCount ?? 0;
  }
  return removed;
}

/**
 * The audit log of the hosted mode (`hosted_audit`): sign-ins, accounts created, provider
 * connections and token grants, with the account and non-secret details only (provider ids,
 * client ids, grant types). Never a token, a code or a provider user id.
 */
import type { Pool } from 'pg';
import type { Logger } from '../logging/logger.js';

export type AuditEvent =
  | 'account_created'
  | 'sign_in'
  | 'provider_connected'
  | 'provider_disconnected'
  | 'consent_given'
  | 'consent_denied'
  | 'token_granted'
  | 'account_exported'
  | 'account_deleted';

export interface AuditLog {
  record(accountId: string | null, event: AuditEvent, detail?: Record<string, string | number | boolean>): Promise<void>;
}

/** Writes audit rows; a failed write is logged, never thrown at the person signing in. */
export function createAuditLog(pool: Pool, logger: Logger): AuditLog {
  return {
    async record(accountId, event, detail = {}) {
      await pool
        .query('INSERT INTO hosted_audit (account_id, event, detail) VALUES ($1, $2, $3)', [accountId, event, detail])
        .catch((error: unknown) => logger.warn({ err: error, event }, 'audit row not written'));
    },
  };
}

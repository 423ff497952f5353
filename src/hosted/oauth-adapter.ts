/**
 * oidc-provider's storage adapter on PostgreSQL (`hosted_oauth_payloads`). Every id the library
 * hands over (token values, session and interaction ids, grant ids, uids) is stored only as its
 * SHA-256 (`keyOf`), and a payload's `jti` (which for opaque tokens is the token itself) is
 * dropped before writing and restored from the id on `find`: the table holds no usable token.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Pool } from 'pg';
import { keyOf, seal, unseal, type SealedValue } from './sealed.js';

const SEALED_ID = 'sealedJti';

interface PayloadRow {
  payload: AdapterPayload;
  consumed_at: Date | null;
  expires_at: Date | null;
}

/** The adapter for one oidc-provider model (`name`: AccessToken, Session, Grant, Client, ...). */
export class PostgresOAuthAdapter implements Adapter {
  constructor(
    private readonly name: string,
    private readonly pool: Pool,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const { jti: _jti, ...rest } = payload;
    // A model found by its uid (a session) needs its id back: sealed under the uid, which only
    // the library holds (the table has the uid's hash).
    const stored: Record<string, unknown> = typeof payload.uid === 'string' ? { ...rest, [SEALED_ID]: seal(payload.uid, 'session id', id) } : rest;
    await this.pool.query(
      `INSERT INTO hosted_oauth_payloads (model, key, payload, grant_key, uid_key, user_code_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::integer IS NULL THEN NULL ELSE now() + make_interval(secs => $7::integer) END)
       ON CONFLICT (model, key) DO UPDATE SET payload = EXCLUDED.payload, grant_key = EXCLUDED.grant_key,
         uid_key = EXCLUDED.uid_key, user_code_key = EXCLUDED.user_code_key, expires_at = EXCLUDED.expires_at`,
      [
        this.name,
        keyOf(id),
        stored,
        payload.grantId ? keyOf(payload.grantId) : null,
        typeof payload.uid === 'string' ? keyOf(payload.uid) : null,
        payload.userCode ? keyOf(payload.userCode) : null,
        expiresIn === undefined ? null : Math.max(1, Math.ceil(expiresIn)),
      ],
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const result = await this.pool.query<PayloadRow>(
      `SELECT payload, consumed_at, expires_at FROM hosted_oauth_payloads
       WHERE model = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > now())`,
      [this.name, keyOf(id)],
    );
    return this.restore(result.rows[0], id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy('uid_key', uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy('user_code_key', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE hosted_oauth_payloads SET consumed_at = now(), payload = payload || jsonb_build_object('consumed', floor(extract(epoch FROM now()))::bigint)
       WHERE model = $1 AND key = $2`,
      [this.name, keyOf(id)],
    );
  }

  async destroy(id: string): Promise<void> {
    await this.pool.query('DELETE FROM hosted_oauth_payloads WHERE model = $1 AND key = $2', [this.name, keyOf(id)]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.pool.query('DELETE FROM hosted_oauth_payloads WHERE grant_key = $1', [keyOf(grantId)]);
  }

  private async findBy(column: 'uid_key' | 'user_code_key', value: string): Promise<AdapterPayload | undefined> {
    const result = await this.pool.query<PayloadRow & { key: string }>(
      `SELECT payload, consumed_at, expires_at FROM hosted_oauth_payloads
       WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
      [this.name, keyOf(value)],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    const { [SEALED_ID]: sealed, ...payload } = row.payload as AdapterPayload & { [SEALED_ID]?: SealedValue };
    const id = sealed && typeof payload.uid === 'string' ? unseal(payload.uid, 'session id', sealed) : undefined;
    return typeof id === 'string' ? { ...payload, jti: id } : undefined;
  }

  private restore(row: PayloadRow | undefined, id: string): AdapterPayload | undefined {
    if (!row) return undefined;
    const { [SEALED_ID]: _sealed, ...payload } = row.payload as AdapterPayload & { [SEALED_ID]?: SealedValue };
    // A client's id is its `client_id`; every other model's id is its `jti`.
    return this.name === 'Client' ? payload : { ...payload, jti: id };
  }
}

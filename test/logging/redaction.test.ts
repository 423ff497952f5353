/**
 * Log redaction by value and by secret field name only: an error `code` (AUTH_FAILED, EACCES)
 * stays readable, while tokens, secrets and an OAuth authorization code (under its OAuth names,
 * or registered by value) never reach a line.
 */
import { expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { createLogger } from '../../src/logging/logger.js';
import { registerSecret } from '../../src/logging/secrets.js';

async function collect(write: (logger: Awaited<ReturnType<typeof createLogger>>) => void): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const logger = await createLogger({ level: 'trace', file: null, stderr: { write: (line: string) => lines.push(line) } });
  write(logger);
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

it('keeps an error code readable while tokens and OAuth codes stay redacted', async () => {
  const accessToken = 'at-redaction-test-4f9c2e71';
  const registered = 'rt-registered-by-value-8d1b';
  const oauthCode = 'oauth-code-redaction-93ae';
  registerSecret(registered);
  const [line] = await collect((logger) =>
    logger.warn(
      {
        provider: 'oura',
        code: 'AUTH_FAILED',
        err: new WearablesError('AUTH_FAILED', `oura no longer accepts the stored grant (${registered}).`),
        access_token: accessToken,
        tokens: { refreshToken: registered },
        query: { code: oauthCode, state: 'visible-state' },
        authorization_code: oauthCode,
      },
      'refresh refused',
    ),
  );
  expect(line).toMatchObject({ code: 'AUTH_FAILED', err: { code: 'AUTH_FAILED', type: 'WearablesError' } });
  expect(line).toMatchObject({ access_token: '[redacted]', authorization_code: '[redacted]', query: { code: '[redacted]', state: 'visible-state' } });
  const text = JSON.stringify(line);
  for (const secret of [accessToken, registered, oauthCode]) expect(text).not.toContain(secret);
});

it('keeps the errno code of a file-system error', async () => {
  const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  const [line] = await collect((logger) => logger.error({ err: denied }, 'could not write'));
  expect(line).toMatchObject({ err: { code: 'EACCES' } });
});

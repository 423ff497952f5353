/** `serve --hosted` settings: what is required, what is refused, what the resource is. */
import { describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { loadHostedConfig } from '../../src/hosted/hosted-config.js';
import { loadHttpConfig } from '../../src/http/http-config.js';

const configError = (env: Record<string, string>) => {
  try {
    loadHostedConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(WearablesError);
    expect((error as WearablesError).code).toBe('CONFIG_ERROR');
    expect((error as WearablesError).hint).toBeTruthy();
    return (error as WearablesError).message;
  }
  throw new Error('no CONFIG_ERROR');
};

describe('hosted settings', () => {
  it('require DATABASE_URL and PUBLIC_BASE_URL, naming each missing one', () => {
    expect(configError({})).toContain('DATABASE_URL and PUBLIC_BASE_URL');
    expect(configError({ PUBLIC_BASE_URL: 'https://w.example' })).toContain('needs DATABASE_URL');
    expect(configError({ DATABASE_URL: 'postgres://u@h/db' })).toContain('needs PUBLIC_BASE_URL');
  });

  it('refuse a SQLite database, plain http off loopback, a path in the base URL, an out-of-range number', () => {
    expect(configError({ DATABASE_URL: 'sqlite:///tmp/x.db', PUBLIC_BASE_URL: 'https://w.example' })).toContain('PostgreSQL');
    expect(configError({ DATABASE_URL: 'postgres://u@h/db', PUBLIC_BASE_URL: 'http://w.example' })).toContain('https');
    expect(configError({ DATABASE_URL: 'postgres://u@h/db', PUBLIC_BASE_URL: 'https://w.example/mcp' })).toContain('without a path');
    expect(configError({ DATABASE_URL: 'postgres://u@h/db', PUBLIC_BASE_URL: 'https://w.example', HOSTED_REFRESH_GRACE_SECONDS: '9999' })).toContain('HOSTED_REFRESH_GRACE_SECONDS');
  });

  it('derive the resource from the origin, and let the hosted mode serve publicly without AUTH_TOKEN', () => {
    const hosted = loadHostedConfig({ DATABASE_URL: 'postgres://u@h/db', PUBLIC_BASE_URL: 'https://w.example/' });
    expect(hosted).toMatchObject({ publicBaseUrl: 'https://w.example', resource: 'https://w.example/mcp', refreshGraceSeconds: 60 });
    expect(() => loadHttpConfig({ PUBLIC_BASE_URL: 'https://w.example' })).toThrow(/AUTH_TOKEN/);
    expect(loadHttpConfig({ PUBLIC_BASE_URL: 'https://w.example' }, { hosted: true }).authToken).toBeUndefined();
  });
});

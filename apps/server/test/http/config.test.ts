import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8501, appEnv: 'development' });
    expect(config.database.kind).toBe('sqlite');
    expect(config.limits.hourly).toMatchObject({ guest: 10, user: 100, pro: 1000 });
    expect(config.limits.maxTextChars).toBe(100_000);
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses to start in production, listing every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        APP_ENV: 'production',
        SECRET_KEY: 'change-me',
        ADMIN_PASSWORD: 'admin123',
        DEBUG: 'true',
        BCRYPT_COST: '10',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SECRET_KEY: shorter than 32/);
    expect(problems).toMatch(/ADMIN_PASSWORD: is a default password/);
    expect(problems).toMatch(/DEBUG/);
    expect(problems).toMatch(/BCRYPT_COST/);
    expect(() => loadConfig({ APP_ENV: 'production' })).toThrow(/SECRET_KEY: missing/);
    expect(() =>
      loadConfig({ APP_ENV: 'production', SECRET_KEY: 'your-secret-key-change-me-in-production-please' }),
    ).toThrow(/example value/);
    expect(() =>
      loadConfig({
        APP_ENV: 'production',
        SECRET_KEY: 'f'.repeat(8) + 'a9c3e1d7b5'.repeat(4),
        ADMIN_PASSWORD: 'admin-password-1',
        ADMIN_USERNAME: 'admin',
      }),
    ).toThrow(/ADMIN_PASSWORD: the password must not contain the username/);
    // The account rules' common-password list applies too, listed with the other problems at once
    // (not only when the admin is first created, and not skipped once it exists).
    let common: unknown;
    try {
      loadConfig({ APP_ENV: 'production', SECRET_KEY: 'short', ADMIN_PASSWORD: 'Password1234!' });
    } catch (e) {
      common = e;
    }
    expect(common).toBeInstanceOf(ConfigError);
    expect((common as ConfigError).problems).toEqual([
      'SECRET_KEY: shorter than 32 characters',
      'ADMIN_PASSWORD: this password is too common',
    ]);
    const ok = loadConfig({
      APP_ENV: 'production',
      SECRET_KEY: '3f9a1c7e5b2d8f4a6c0e9b1d7a3f5c2e',
      ADMIN_PASSWORD: 'Tr0ub4dor&3-horse-staple',
    });
    expect(ok.appEnv).toBe('production');
  });

  it('reports malformed values by name', () => {
    expect(() => loadConfig({ PORT: 'eighty', MAX_BATCH_SIZE: '-1', ENABLE_API_ACCESS: 'maybe' })).toThrow(
      /PORT[\s\S]*MAX_BATCH_SIZE[\s\S]*ENABLE_API_ACCESS/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL: requires/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });
});

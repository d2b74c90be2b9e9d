import { ConfigError, loadConfig } from '../../src/config';

const KEYS = {
  FIELD_ENCRYPTION_KEYS: 'k2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=,k1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
  FIELD_INDEX_KEY: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
};
const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';

describe('configuration', () => {
  it('is safe by default in production: no browser origins, no introspection, bounded tokens and keys', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: PEM, ...KEYS, HOST: '0.0.0.0' });
    expect(config).toMatchObject({ corsOrigins: [], introspection: false, exposeStatementCount: false });
    expect(config.auth).toMatchObject({ jwtTtlSeconds: 28800, jwtMaxTtlSeconds: 86400, apiKeyDefaultTtlDays: 90, apiKeyMaxTtlDays: 365 });
    expect(loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: PEM, ...KEYS, INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({}).introspection).toBe(true);
  });

  it('has working defaults: port 4000 on loopback, the embedded database on a port of its own', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      embeddedPgPort: 54329,
      poolMax: 10,
      corsOrigins: '*',
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ...KEYS,
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app:secret@db.internal:5433/lianxin',
      DATA_DIR: '/var/lib/lianxin',
      EMBEDDED_PG_PORT: '55000',
      DB_POOL_MAX: '20',
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'https://a.example.org, https://b.example.org',
      JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----',
      JWT_TTL_SECONDS: '3600',
      OIDC_ISSUER: 'https://id.example.org',
      OIDC_AUDIENCE: 'lianxin',
      OIDC_JWKS_URL: 'https://id.example.org/jwks',
    });
    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app:secret@db.internal:5433/lianxin',
      dataDir: '/var/lib/lianxin',
      embeddedPgPort: 55000,
      poolMax: 20,
      logLevel: 'warn',
      exposeStatementCount: false,
      corsOrigins: ['https://a.example.org', 'https://b.example.org'],
      auth: {
        jwtIssuer: 'lianxin',
        jwtAudience: 'lianxin-api',
        jwtTtlSeconds: 3600,
        oidc: { issuer: 'https://id.example.org', audience: 'lianxin', jwksUrl: 'https://id.example.org/jwks' },
      },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" is not a whole number'],
    [{ PORT: '70000' }, 'PORT=70000 is out of range'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV="staging" is not recognised'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must start with postgres://'],
    [{ DATABASE_URL: 'postgres://localhost' }, 'DATABASE_URL names no database'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a URL'],
    [{ CORS_ORIGINS: 'example.org' }, 'CORS_ORIGINS entry "example.org" is not an origin'],
    [{ DB_POOL_MAX: '0' }, 'DB_POOL_MAX=0 is out of range'],
    [{ NODE_ENV: 'production' }, 'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required in production'],
    [{ JWT_PRIVATE_KEY: 'secret' }, 'JWT_PRIVATE_KEY must be a PEM private key'],
    [{ OIDC_ISSUER: 'https://id.example.org' }, 'set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together'],
    [{ HOST: '0.0.0.0' }, 'HOST=0.0.0.0 would serve other machines in development mode'],
    [{ NODE_ENV: 'production', JWT_PRIVATE_KEY: PEM, CORS_ORIGINS: '*' }, 'CORS_ORIGINS=* is refused in production'],
    [{ JWT_TTL_SECONDS: '7200', JWT_MAX_TTL_SECONDS: '3600' }, 'JWT_MAX_TTL_SECONDS=3600 is below JWT_TTL_SECONDS=7200'],
    [{ API_KEY_DEFAULT_TTL_DAYS: '400' }, 'API_KEY_DEFAULT_TTL_DAYS=400 is above API_KEY_MAX_TTL_DAYS=365'],
    [{ INTROSPECTION: 'maybe' }, 'INTROSPECTION="maybe" is not recognised'],
    [{ NODE_ENV: 'production', JWT_PRIVATE_KEY: PEM }, 'FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY are required in production'],
    [{ FIELD_ENCRYPTION_KEYS: 'k1:c2hvcnQ=', FIELD_INDEX_KEY: KEYS.FIELD_INDEX_KEY }, 'must be 32 bytes'],
    [{ FIELD_ENCRYPTION_KEYS: KEYS.FIELD_ENCRYPTION_KEYS }, 'set FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY together'],
  ])('refuses %j with a message saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

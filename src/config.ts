import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A configuration problem the operator can fix: reported as one line, never as a stack trace. */
export class ConfigError extends Error {}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** An external PostgreSQL; when absent the server runs an embedded one under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  poolMax: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Adds `extensions.sqlStatements` to responses (always on outside production). */
  exposeStatementCount: boolean;
  /** Origins allowed to call from a browser; `*` allows any (credentials travel in a header, not cookies). */
  corsOrigins: string[] | '*';
  auth: AuthConfig;
}

export interface AuthConfig {
  /** PEM of the Ed25519 (or P-256) private key that signs platform tokens; generated into DATA_DIR outside production. */
  jwtPrivateKeyPem?: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Lifetime of platform tokens, in seconds. */
  jwtTtlSeconds: number;
  /** An external OpenID Connect provider whose ID/access tokens are also accepted. */
  oidc?: { issuer: string; audience: string; jwksUrl: string };
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name}="${raw}" is not a whole number; set it to a number between ${min} and ${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name}=${value} is out of range; set it between ${min} and ${max}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}="${raw}" is not recognised; use one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function databaseUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL; use postgres://user:password@host:port/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// (got ${url.protocol}//)`);
  }
  if (url.pathname.length <= 1) throw new ConfigError(`${name} names no database; add one, e.g. postgres://postgres@127.0.0.1:5432/lianxin`);
  return raw;
}

function corsOrigins(raw: string | undefined): string[] | '*' {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*';
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS entry "${origin}" is not an origin like https://app.example.org`);
  }
  return origins;
}

function authConfig(env: Env, nodeEnv: Config['env']): AuthConfig {
  let pem = env.JWT_PRIVATE_KEY?.trim() || undefined;
  if (!pem && env.JWT_PRIVATE_KEY_FILE) {
    try {
      pem = readFileSync(env.JWT_PRIVATE_KEY_FILE, 'utf8');
    } catch {
      throw new ConfigError(`JWT_PRIVATE_KEY_FILE=${env.JWT_PRIVATE_KEY_FILE} cannot be read`);
    }
  }
  if (pem && !pem.includes('PRIVATE KEY')) throw new ConfigError('JWT_PRIVATE_KEY must be a PEM private key (-----BEGIN PRIVATE KEY-----)');
  if (!pem && nodeEnv === 'production') {
    throw new ConfigError('JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required in production: every instance must sign with the same key');
  }
  const oidcVars = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'].filter((v) => env[v]?.trim());
  if (oidcVars.length > 0 && oidcVars.length < 3) throw new ConfigError('set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together to accept tokens from an OpenID Connect provider');
  if (oidcVars.length === 3) {
    try {
      new URL(env.OIDC_JWKS_URL!);
    } catch {
      throw new ConfigError('OIDC_JWKS_URL is not a URL');
    }
  }
  return {
    jwtPrivateKeyPem: pem,
    jwtIssuer: env.JWT_ISSUER?.trim() || 'lianxin',
    jwtAudience: env.JWT_AUDIENCE?.trim() || 'lianxin-api',
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    oidc: oidcVars.length === 3 ? { issuer: env.OIDC_ISSUER!.trim(), audience: env.OIDC_AUDIENCE!.trim(), jwksUrl: env.OIDC_JWKS_URL!.trim() } : undefined,
  };
}

/** Reads and validates the environment once, at start-up. Every variable is listed in the README. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  return {
    env: nodeEnv,
    port: integer(env, 'PORT', 4000, 1, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: databaseUrl(env, 'DATABASE_URL'),
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    poolMax: integer(env, 'DB_POOL_MAX', 10, 1, 200),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error'] as const),
    exposeStatementCount: nodeEnv !== 'production' || env.EXPOSE_SQL_STATEMENT_COUNT === 'true',
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    auth: authConfig(env, nodeEnv),
  };
}

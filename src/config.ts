import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { FieldKeyError, fieldKeysFromEnv, type FieldKeys } from './core/crypto/field-keys';

/** A configuration problem the operator can fix: reported as one line, never as a stack trace. */
export class ConfigError extends Error {}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /**
   * The PostgreSQL the API serves from, as the application's login role (lianxin_app); when absent
   * the server runs an embedded one under `dataDir`. Outside production it may name the owner (or a
   * superuser): the server then migrates with it and serves as lianxin_app on the same database.
   */
  databaseUrl?: string;
  /** The owner's connection, for migrations (`npm run migrate`, and on start when given). */
  migrationDatabaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  poolMax: number;
  /** How far the old generation may grow before V8 collects it again, in percent; 0: V8's own choice (src/core/heap-policy.ts). */
  heapGrowingPercent: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** json: one object a line (production); pretty: one readable line (development, needs the dev dependency pino-pretty). */
  logFormat: 'json' | 'pretty';
  /** A bearer token that reads /metrics from anywhere; without it only loopback callers (no proxy in between) may. */
  metricsToken?: string;
  /** OpenTelemetry traces over OTLP/HTTP, when an endpoint is configured. */
  tracing?: TracingConfig;
  /** Adds `extensions.sqlStatements` and `extensions.sqlRoundTrips` to responses (always on outside production). */
  exposeStatementCount: boolean;
  /** Origins allowed to call from a browser; `*` allows any (credentials travel in a header, not cookies). */
  corsOrigins: string[] | '*';
  /** Keys sealing identity card numbers and phones at rest, and their blind indexes (core/crypto). */
  fieldKeys: FieldKeys;
  /** Schema introspection (and the sandbox that needs it): on outside production unless turned off. */
  introspection: boolean;
  auth: AuthConfig;
  limits: LimitsConfig;
  /** The smallest count of households or persons shown to officers above communities (FIGURES_MIN_CELL, docs/figures.md). */
  minCell: number;
  /** The figures' shared cache of computed tallies (FIGURES_MAX_STALENESS_MS, FIGURES_CACHE_ENTRIES; docs/figures.md). */
  figuresCache: FiguresCacheConfig;
  /** The change feed and webhooks (docs/integration.md). */
  integration: IntegrationConfig;
  /** How long a mutation's Idempotency-Key and its stored answer are kept (IDEMPOTENCY_KEY_HOURS, docs/integration.md). */
  idempotencyKeyHours: number;
  /** Streaming replicas that serve stale-tolerant queries (docs/operations.md, "Read replicas"). */
  replicas: ReplicaConfig;
}

/** Read replicas: where they are, how far behind they may be, and how long a writer reads the primary. */
export interface ReplicaConfig {
  /** The replicas' URLs, as the application role logs in to them; none: everything reads the primary. */
  urls: string[];
  /** A replica further behind than this (measured, not assumed) is not read; the primary answers. */
  maxLagMs: number;
  /** How long a measured lag is trusted before it is measured again (per instance and replica). */
  lagCheckMs: number;
  /** After a principal commits a mutation, its reads go to the primary for this long. */
  readYourWritesMs: number;
}

export interface TracingConfig {
  /** Where spans are posted (OTLP/HTTP JSON). */
  url: string;
  serviceName: string;
}

/** The figures' shared cache of computed tallies (docs/figures.md). */
export interface FiguresCacheConfig {
  /** How old cached tallies may be when served, in ms; 0: nothing is cached. */
  maxStalenessMs: number;
  /** The most entries kept (least recently used go first). */
  maxEntries: number;
}

/** How far back the change feed reads, and where webhooks may deliver (docs/integration.md). */
export interface IntegrationConfig {
  /** A feed cursor whose next change is older than this many days is refused: the script resyncs. */
  feedRetentionDays: number;
  /** Webhooks may deliver to loopback, link-local and private addresses (tests, closed networks). */
  webhookAllowPrivateUrls: boolean;
}

/** A leaky bucket: it holds `points` at most and refills `restorePerSecond` points a second. */
export interface BudgetConfig {
  points: number;
  restorePerSecond: number;
}

/** Query limits, budgets, the statement timeout, the pool share and login limits (docs/api.md, "Limits"). */
export interface LimitsConfig {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxFields: number;
  maxCost: number;
  /** Rows one request's reads may return in all; past it the request is stopped and rolled back. */
  maxRows: number;
  /** Users and service accounts, each. */
  budget: BudgetConfig;
  /** Anonymous callers, per client address. */
  anonymousBudget: BudgetConfig;
  /** How long charges wait before they are written in one statement; 0 writes each before its answer. */
  budgetFlushMs: number;
  statementTimeoutMs: number;
  /** The share of DB_POOL_MAX (percent) one principal may hold at once, per instance. */
  poolSharePercent: number;
  /** How long a request over its principal's share waits for a connection before THROTTLED. */
  poolWaitMs: number;
  /** Compiled operations kept by graphql-jit. */
  jitCacheSize: number;
  /** Subscriptions one WebSocket connection may run at once. */
  maxSubscriptions: number;
  /** Failed sign-ins per login and source before that pair is locked for `lockSeconds`. */
  loginMaxFailures: number;
  loginLockSeconds: number;
  /** Failed sign-ins per source (any login) in `loginSourceWindowSeconds` before the source is locked for as long. */
  loginSourceMaxFailures: number;
  loginSourceWindowSeconds: number;
  /** Reports by QR code (GET /r/<token>) per point's token, and per source address, in an hour. */
  qrReportsPerToken: number;
  qrReportsPerSource: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default. */
  trustedProxies: string[];
}

export interface AuthConfig {
  /** PEM of the Ed25519 (or P-256) private key that signs platform tokens; generated into DATA_DIR outside production. */
  jwtPrivateKeyPem?: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Lifetime of platform tokens, in seconds. */
  jwtTtlSeconds: number;
  /** Tokens (platform or OpenID Connect) whose lifetime (exp − iat) is longer are refused. */
  jwtMaxTtlSeconds: number;
  /** Lifetime of an API key created without an expiry, and the longest allowed, in days. */
  apiKeyDefaultTtlDays: number;
  apiKeyMaxTtlDays: number;
  /** An external OpenID Connect provider whose ID/access tokens are also accepted. */
  oidc?: { issuer: string; audience: string; jwksUrl: string };
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(`${name}="${raw}" is not a whole number; set it to a number between ${min} and ${max}`);
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
  if (url.pathname.length <= 1)
    throw new ConfigError(`${name} names no database; add one, e.g. postgres://postgres@127.0.0.1:5432/lianxin`);
  return raw;
}

function replicaConfig(env: Env): ReplicaConfig {
  const raw = env.DATABASE_REPLICA_URLS?.trim() ?? '';
  const urls = raw
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => databaseUrl({ DATABASE_REPLICA_URLS: u }, 'DATABASE_REPLICA_URLS')!);
  const maxLagMs = integer(env, 'REPLICA_MAX_LAG_MS', 1_000, 0, 3_600_000);
  const lagCheckMs = integer(env, 'REPLICA_LAG_CHECK_MS', 250, 10, 60_000);
  const readYourWritesMs = integer(env, 'READ_YOUR_WRITES_MS', Math.max(5_000, maxLagMs + lagCheckMs), 0, 86_400_000);
  // A writer back on a replica must find its write there: the replica may be maxLagMs behind, as
  // measured up to lagCheckMs ago.
  if (readYourWritesMs < maxLagMs + lagCheckMs)
    throw new ConfigError(
      `READ_YOUR_WRITES_MS=${readYourWritesMs} is below REPLICA_MAX_LAG_MS + REPLICA_LAG_CHECK_MS (${maxLagMs + lagCheckMs}); a writer could read a replica that has not replayed its write yet`,
    );
  return { urls, maxLagMs, lagCheckMs, readYourWritesMs };
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name}="${env[name]}" is not recognised; use true or false`);
}

/** Loopback only: the addresses a development server may listen on. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Browsers may call from any origin outside production; in production only from the listed ones (none by default). */
function corsOrigins(raw: string | undefined, nodeEnv: Config['env']): string[] | '*' {
  if (raw === undefined || raw.trim() === '') return nodeEnv === 'production' ? [] : '*';
  if (raw.trim() === '*') {
    if (nodeEnv === 'production')
      throw new ConfigError('CORS_ORIGINS=* is refused in production; list the origins of your frontends, e.g. https://app.example.org');
    return '*';
  }
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new ConfigError(`CORS_ORIGINS entry "${origin}" is not an origin like https://app.example.org`);
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
    throw new ConfigError(
      'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required in production: every instance must sign with the same key',
    );
  }
  const oidcVars = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'].filter((v) => env[v]?.trim());
  if (oidcVars.length > 0 && oidcVars.length < 3)
    throw new ConfigError('set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together to accept tokens from an OpenID Connect provider');
  if (oidcVars.length === 3) {
    try {
      new URL(env.OIDC_JWKS_URL!);
    } catch {
      throw new ConfigError('OIDC_JWKS_URL is not a URL');
    }
  }
  const jwtTtlSeconds = integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600);
  const jwtMaxTtlSeconds = integer(env, 'JWT_MAX_TTL_SECONDS', Math.max(24 * 3600, jwtTtlSeconds), 60, 30 * 24 * 3600);
  if (jwtMaxTtlSeconds < jwtTtlSeconds)
    throw new ConfigError(
      `JWT_MAX_TTL_SECONDS=${jwtMaxTtlSeconds} is below JWT_TTL_SECONDS=${jwtTtlSeconds}; the server would refuse its own tokens`,
    );
  const apiKeyMaxTtlDays = integer(env, 'API_KEY_MAX_TTL_DAYS', 365, 1, 3650);
  const apiKeyDefaultTtlDays = integer(env, 'API_KEY_DEFAULT_TTL_DAYS', Math.min(90, apiKeyMaxTtlDays), 1, 3650);
  if (apiKeyDefaultTtlDays > apiKeyMaxTtlDays)
    throw new ConfigError(`API_KEY_DEFAULT_TTL_DAYS=${apiKeyDefaultTtlDays} is above API_KEY_MAX_TTL_DAYS=${apiKeyMaxTtlDays}`);
  return {
    jwtPrivateKeyPem: pem,
    jwtIssuer: env.JWT_ISSUER?.trim() || 'lianxin',
    jwtAudience: env.JWT_AUDIENCE?.trim() || 'lianxin-api',
    jwtTtlSeconds,
    jwtMaxTtlSeconds,
    apiKeyDefaultTtlDays,
    apiKeyMaxTtlDays,
    oidc:
      oidcVars.length === 3
        ? { issuer: env.OIDC_ISSUER!.trim(), audience: env.OIDC_AUDIENCE!.trim(), jwksUrl: env.OIDC_JWKS_URL!.trim() }
        : undefined,
  };
}

function trustedProxies(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address);
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || extra !== undefined) {
      throw new ConfigError(`TRUSTED_PROXIES entry "${entry}" is not an IP address or a CIDR range like 10.0.0.0/8`);
    }
  }
  return entries;
}

function limitsConfig(env: Env): LimitsConfig {
  return {
    maxTokens: integer(env, 'QUERY_MAX_TOKENS', 2_000, 100, 1_000_000),
    maxDepth: integer(env, 'QUERY_MAX_DEPTH', 20, 2, 1_000),
    maxAliases: integer(env, 'QUERY_MAX_ALIASES', 100, 0, 100_000),
    maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', 20, 0, 100_000),
    maxFields: integer(env, 'QUERY_MAX_FIELDS', 1_000, 10, 1_000_000),
    maxCost: integer(env, 'QUERY_MAX_COST', 1_000_000_000_000, 1, Number.MAX_SAFE_INTEGER),
    maxRows: integer(env, 'QUERY_MAX_ROWS', 50_000, 100, 100_000_000),
    budget: {
      points: integer(env, 'QUERY_BUDGET_POINTS', 20_000, 1, Number.MAX_SAFE_INTEGER),
      restorePerSecond: integer(env, 'QUERY_BUDGET_RESTORE_RATE', 1_000, 1, Number.MAX_SAFE_INTEGER),
    },
    anonymousBudget: {
      points: integer(env, 'ANONYMOUS_QUERY_BUDGET_POINTS', 2_000, 1, Number.MAX_SAFE_INTEGER),
      restorePerSecond: integer(env, 'ANONYMOUS_QUERY_BUDGET_RESTORE_RATE', 100, 1, Number.MAX_SAFE_INTEGER),
    },
    budgetFlushMs: integer(env, 'QUERY_BUDGET_FLUSH_MS', 100, 0, 10_000),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 5_000, 100, 3_600_000),
    poolSharePercent: integer(env, 'DB_POOL_PRINCIPAL_SHARE', 50, 1, 100),
    poolWaitMs: integer(env, 'DB_POOL_WAIT_MS', 1_000, 0, 600_000),
    jitCacheSize: integer(env, 'JIT_CACHE_SIZE', 1_000, 1, 1_000_000),
    maxSubscriptions: integer(env, 'SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1_000),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 1_000),
    loginLockSeconds: integer(env, 'LOGIN_LOCK_SECONDS', 900, 1, 7 * 24 * 3600),
    loginSourceMaxFailures: integer(env, 'LOGIN_SOURCE_MAX_FAILURES', 100, 1, 1_000_000),
    loginSourceWindowSeconds: integer(env, 'LOGIN_SOURCE_WINDOW_SECONDS', 3_600, 1, 7 * 24 * 3600),
    qrReportsPerToken: integer(env, 'QR_REPORTS_PER_TOKEN', 60, 1, 1_000_000),
    qrReportsPerSource: integer(env, 'QR_REPORTS_PER_SOURCE', 10, 1, 1_000_000),
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
  };
}

function metricsToken(raw: string | undefined): string | undefined {
  const token = raw?.trim();
  if (!token) return undefined;
  if (token.length < 16)
    throw new ConfigError('METRICS_TOKEN is shorter than 16 characters; use a long random value (openssl rand -hex 24)');
  return token;
}

/**
 * The OpenTelemetry variables the SDKs share: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the traces URL
 * as given, OTEL_EXPORTER_OTLP_ENDPOINT the collector's base URL (`/v1/traces` is appended).
 */
function tracing(env: Env): TracingConfig | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (OTLP/HTTP), not ${parsed.protocol}`);
  return { url, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'lianxin' };
}

/** Reads and validates the environment once, at start-up. Every variable is listed in docs/operations.md (src/config-reference.ts). */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const host = env.HOST?.trim() || '127.0.0.1';
  if (nodeEnv === 'development' && !isLoopback(host)) {
    throw new ConfigError(
      `HOST=${host} would serve other machines in development mode (stack traces, demo logins); set NODE_ENV=production to serve a network, or keep HOST=127.0.0.1`,
    );
  }
  return {
    env: nodeEnv,
    port: integer(env, 'PORT', 4000, 1, 65535),
    host,
    databaseUrl: databaseUrl(env, 'DATABASE_URL'),
    migrationDatabaseUrl: databaseUrl(env, 'MIGRATION_DATABASE_URL'),
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    poolMax: integer(env, 'DB_POOL_MAX', 10, 1, 200),
    heapGrowingPercent: integer(env, 'HEAP_GROWING_PERCENT', 100, 0, 300),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error'] as const),
    logFormat: oneOf(env, 'LOG_FORMAT', nodeEnv === 'development' ? 'pretty' : 'json', ['json', 'pretty'] as const),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    tracing: tracing(env),
    exposeStatementCount: nodeEnv !== 'production' || env.EXPOSE_SQL_STATEMENT_COUNT === 'true',
    corsOrigins: corsOrigins(env.CORS_ORIGINS, nodeEnv),
    introspection: flag(env, 'INTROSPECTION', nodeEnv !== 'production'),
    auth: authConfig(env, nodeEnv),
    limits: limitsConfig(env),
    minCell: integer(env, 'FIGURES_MIN_CELL', 3, 2, 100),
    figuresCache: {
      // 30 s: a district office reads figures to steer a month, not to watch payments arrive; this
      // instance's own writes clear the cache at commit, so only other instances' writes wait.
      maxStalenessMs: integer(env, 'FIGURES_MAX_STALENESS_MS', 30_000, 0, 3_600_000),
      maxEntries: integer(env, 'FIGURES_CACHE_ENTRIES', 1_000, 1, 1_000_000),
    },
    idempotencyKeyHours: integer(env, 'IDEMPOTENCY_KEY_HOURS', 24, 1, 24 * 30),
    integration: {
      feedRetentionDays: integer(env, 'CHANGE_FEED_RETENTION_DAYS', 30, 1, 3650),
      webhookAllowPrivateUrls: flag(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', false),
    },
    fieldKeys: fieldKeysOf(env, nodeEnv),
    replicas: replicaConfig(env),
  };
}

function fieldKeysOf(env: Env, nodeEnv: Config['env']): FieldKeys {
  try {
    return fieldKeysFromEnv(env, nodeEnv === 'production');
  } catch (err) {
    if (err instanceof FieldKeyError) throw new ConfigError(err.message);
    throw err;
  }
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig, type Config } from './config';

/*
 * Every environment variable the server reads (src/config.ts), what it means, and where its
 * default comes from: the default column of docs/operations.md is computed by running loadConfig
 * on an empty environment (and on a minimal production one), never typed by hand. A test holds
 * the list to the variables config.ts reads and the document to this table.
 */

/** Where the table sits in docs/operations.md. */
export const CONFIG_TABLE_START = '<!-- configuration table: npm run config:docs writes it -->';
export const CONFIG_TABLE_END = '<!-- end of the configuration table -->';

export interface ConfigVariable {
  name: string;
  meaning: string;
  /** The value this variable sets in a loaded configuration; absent for secrets and inputs without one. */
  value?: (config: Config) => unknown;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: 'NODE_ENV',
    meaning:
      '`production` hides stack traces, the sandbox and statement counts, turns introspection off, allows no browser origin unless listed, does not migrate, refuses a database that is behind or has demo logins',
    value: (c) => c.env,
  },
  { name: 'PORT', meaning: 'HTTP port', value: (c) => c.port },
  {
    name: 'HOST',
    meaning: 'address to listen on; `0.0.0.0` to serve other machines (production only: development refuses anything but loopback)',
    value: (c) => c.host,
  },
  {
    name: 'DATABASE_URL',
    meaning:
      "an external PostgreSQL (`postgres://user:pass@host:5432/db`); in production `lianxin_app`'s own login, in development it may be the owner's. Absent: the embedded PostgreSQL under `DATA_DIR`",
    value: (c) => c.databaseUrl,
  },
  {
    name: 'MIGRATION_DATABASE_URL',
    meaning: "the owner's connection, for `npm run migrate` and the tools (`admin:create`, `demo:retire`, seeds)",
    value: (c) => c.migrationDatabaseUrl,
  },
  {
    name: 'DATA_DIR',
    meaning: 'where the embedded PostgreSQL keeps its data, and the generated development secrets',
    value: (c) => path.relative(process.cwd(), c.dataDir) || '.',
  },
  { name: 'EMBEDDED_PG_PORT', meaning: 'port of the embedded PostgreSQL (5432 is often taken)', value: (c) => c.embeddedPgPort },
  { name: 'DB_POOL_MAX', meaning: 'database connections in the pool, per instance', value: (c) => c.poolMax },
  {
    name: 'HEAP_GROWING_PERCENT',
    meaning:
      "how far V8's old generation may grow past what its last full collection kept before it collects again (the server, not the tools; `0`: V8's own choice, up to 300 on a machine with memory to spare); bounds the server's peak memory ([memory](#memory))",
    value: (c) => c.heapGrowingPercent,
  },
  {
    name: 'DATABASE_REPLICA_URLS',
    meaning:
      'comma-separated streaming replicas of `DATABASE_URL` (as `lianxin_app`): queries that read only stale-tolerant fields (the figures and the district reports built from them; never lists) read one of them ([read replicas](#read-replicas)); each has a pool of `DB_POOL_MAX` too',
  },
  {
    name: 'REPLICA_MAX_LAG_MS',
    meaning: 'a replica measured further behind the primary than this is not read: the primary answers',
    value: (c) => c.replicas.maxLagMs,
  },
  {
    name: 'REPLICA_LAG_CHECK_MS',
    meaning: "how long an instance trusts a replica's measured lag before measuring it again",
    value: (c) => c.replicas.lagCheckMs,
  },
  {
    name: 'READ_YOUR_WRITES_MS',
    meaning:
      'after a user or service account commits a mutation, all its reads go to the primary for this long (on every instance); at least `REPLICA_MAX_LAG_MS` + `REPLICA_LAG_CHECK_MS`',
    value: (c) => c.replicas.readYourWritesMs,
  },
  { name: 'LOG_LEVEL', meaning: '`debug`, `info`, `warn` or `error`', value: (c) => c.logLevel },
  {
    name: 'LOG_FORMAT',
    meaning: '`json` (one object a line, on stderr) or `pretty` (needs the dev dependency pino-pretty; JSON without it)',
    value: (c) => c.logFormat,
  },
  {
    name: 'METRICS_TOKEN',
    meaning:
      'a bearer token (16+ characters) that reads `/metrics` from anywhere; without it only callers on the machine, through no proxy',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    meaning:
      'an OpenTelemetry collector (OTLP/HTTP); when set, each request is traced with a span per SQL statement (`/v1/traces` is appended)',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    meaning: 'the full traces URL of the collector, instead of the one derived from OTEL_EXPORTER_OTLP_ENDPOINT',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    meaning: 'the `service.name` the traces carry',
    value: (c) => c.tracing?.serviceName ?? 'lianxin',
  },
  {
    name: 'CORS_ORIGINS',
    meaning: 'comma-separated origins allowed to call from browsers (HTTP and WebSocket); `*` is refused in production',
    value: (c) => c.corsOrigins,
  },
  { name: 'INTROSPECTION', meaning: 'schema introspection (the sandbox needs it)', value: (c) => c.introspection },
  {
    name: 'EXPOSE_SQL_STATEMENT_COUNT',
    meaning: '`true` reports `extensions.sqlStatements` and `extensions.sqlRoundTrips` in production too',
    value: (c) => c.exposeStatementCount,
  },
  {
    name: 'JWT_PRIVATE_KEY',
    meaning:
      'PEM private key (Ed25519, EC P-256 or RSA) that signs platform tokens; **required in production** (every instance shares it). Outside production one is generated into `DATA_DIR`',
  },
  { name: 'JWT_PRIVATE_KEY_FILE', meaning: 'a file holding that key, instead of `JWT_PRIVATE_KEY`' },
  { name: 'JWT_ISSUER', meaning: '`iss` of platform tokens', value: (c) => c.auth.jwtIssuer },
  { name: 'JWT_AUDIENCE', meaning: '`aud` of platform tokens', value: (c) => c.auth.jwtAudience },
  { name: 'JWT_TTL_SECONDS', meaning: 'lifetime of platform tokens (60 s to 30 days)', value: (c) => c.auth.jwtTtlSeconds },
  {
    name: 'JWT_MAX_TTL_SECONDS',
    meaning: 'tokens (platform or OIDC) claiming a longer lifetime (exp − iat) are refused',
    value: (c) => c.auth.jwtMaxTtlSeconds,
  },
  { name: 'API_KEY_DEFAULT_TTL_DAYS', meaning: 'expiry of API keys created without one', value: (c) => c.auth.apiKeyDefaultTtlDays },
  { name: 'API_KEY_MAX_TTL_DAYS', meaning: 'the latest expiry an API key may have', value: (c) => c.auth.apiKeyMaxTtlDays },
  { name: 'OIDC_ISSUER', meaning: 'with the next two: also accept tokens of this OpenID Connect provider' },
  { name: 'OIDC_AUDIENCE', meaning: "the audience the provider's tokens must carry" },
  { name: 'OIDC_JWKS_URL', meaning: "where the provider's signing keys are published" },
  { name: 'QUERY_MAX_TOKENS', meaning: 'tokens a document may hold', value: (c) => c.limits.maxTokens },
  { name: 'QUERY_MAX_DEPTH', meaning: 'fields nested in an operation', value: (c) => c.limits.maxDepth },
  { name: 'QUERY_MAX_ALIASES', meaning: 'aliases in an operation', value: (c) => c.limits.maxAliases },
  { name: 'QUERY_MAX_DIRECTIVES', meaning: 'directives in an operation', value: (c) => c.limits.maxDirectives },
  { name: 'QUERY_MAX_FIELDS', meaning: 'fields of an operation with its fragments expanded', value: (c) => c.limits.maxFields },
  { name: 'QUERY_MAX_COST', meaning: 'the most an operation may be priced at ([cost](api.md#limits))', value: (c) => c.limits.maxCost },
  {
    name: 'QUERY_MAX_ROWS',
    meaning: 'the most rows one request may read in all; past it the request is stopped and rolled back ([limits](api.md#limits))',
    value: (c) => c.limits.maxRows,
  },
  {
    name: 'SUBSCRIPTIONS_PER_CONNECTION',
    meaning: 'subscriptions one WebSocket connection may run at once ([subscriptions](api.md#subscriptions))',
    value: (c) => c.limits.maxSubscriptions,
  },
  { name: 'QUERY_BUDGET_POINTS', meaning: "each user's and service account's bucket of points", value: (c) => c.limits.budget.points },
  { name: 'QUERY_BUDGET_RESTORE_RATE', meaning: 'points that bucket regains a second', value: (c) => c.limits.budget.restorePerSecond },
  {
    name: 'ANONYMOUS_QUERY_BUDGET_POINTS',
    meaning: 'the bucket of each anonymous client address',
    value: (c) => c.limits.anonymousBudget.points,
  },
  {
    name: 'ANONYMOUS_QUERY_BUDGET_RESTORE_RATE',
    meaning: 'points it regains a second',
    value: (c) => c.limits.anonymousBudget.restorePerSecond,
  },
  {
    name: 'QUERY_BUDGET_FLUSH_MS',
    meaning: 'how long an instance may hold charges before writing them (in one statement); `0` writes before each answer',
    value: (c) => c.limits.budgetFlushMs,
  },
  {
    name: 'STATEMENT_TIMEOUT_MS',
    meaning: "longest a request's statement may run before it and its request are cancelled",
    value: (c) => c.limits.statementTimeoutMs,
  },
  {
    name: 'DB_POOL_PRINCIPAL_SHARE',
    meaning: 'percent of `DB_POOL_MAX` one principal may hold at once (per instance; `100` turns it off)',
    value: (c) => c.limits.poolSharePercent,
  },
  {
    name: 'DB_POOL_WAIT_MS',
    meaning: "how long a request over its principal's share waits before `THROTTLED`",
    value: (c) => c.limits.poolWaitMs,
  },
  { name: 'JIT_CACHE_SIZE', meaning: 'compiled operations kept (least recently used dropped first)', value: (c) => c.limits.jitCacheSize },
  {
    name: 'LOGIN_MAX_FAILURES',
    meaning: 'failed sign-ins in a row for one login from one address before the pair is locked',
    value: (c) => c.limits.loginMaxFailures,
  },
  { name: 'LOGIN_LOCK_SECONDS', meaning: 'how long that pair stays locked', value: (c) => c.limits.loginLockSeconds },
  {
    name: 'LOGIN_SOURCE_MAX_FAILURES',
    meaning: 'failed sign-ins from one address (any logins) in the window before the address is locked as long',
    value: (c) => c.limits.loginSourceMaxFailures,
  },
  { name: 'LOGIN_SOURCE_WINDOW_SECONDS', meaning: 'that window', value: (c) => c.limits.loginSourceWindowSeconds },
  {
    name: 'QR_REPORTS_PER_TOKEN',
    meaning: 'reports by QR code (`/r/<token>`) one printed code takes in an hour',
    value: (c) => c.limits.qrReportsPerToken,
  },
  {
    name: 'QR_REPORTS_PER_SOURCE',
    meaning: 'reports by QR code one address (any codes) may send in an hour',
    value: (c) => c.limits.qrReportsPerSource,
  },
  {
    name: 'FIELD_ENCRYPTION_KEYS',
    meaning:
      'keys sealing identity card numbers and phones at rest: `k2:<base64 32 bytes>,k1:<…>` (the first seals, all open: rotation); **required in production**; outside production a published development key (docs/integration.md)',
  },
  {
    name: 'FIELD_INDEX_KEY',
    meaning:
      'the blind-index HMAC key (base64, 32 bytes) beside sealed identity card numbers and phones; during an index-key rotation `<new>,<old>` (lookups try both until `npm run keys:reencrypt` re-indexes); **required in production**',
  },
  {
    name: 'FIGURES_MIN_CELL',
    meaning:
      'the smallest count of households or persons figures show to district and street officers (smaller ones, and any cell that would reveal them, are withheld; docs/figures.md)',
    value: (c) => c.minCell,
  },
  {
    name: 'FIGURES_MAX_STALENESS_MS',
    meaning:
      "how old the figures' computed tallies may be when a read is served from this instance's cache (`figures.asOf` is when they were computed); a mutation committed through this instance clears the cache, other instances' and scripts' writes show within this bound; 0: nothing cached (docs/figures.md)",
    value: (c) => c.figuresCache.maxStalenessMs,
  },
  {
    name: 'FIGURES_CACHE_ENTRIES',
    meaning:
      "the most cached figure tallies kept per instance (scope, period and caller's reach each an entry; least recently used go first)",
    value: (c) => c.figuresCache.maxEntries,
  },
  {
    name: 'IDEMPOTENCY_KEY_HOURS',
    meaning:
      "hours a mutation's `Idempotency-Key` and its stored answer are kept (a retry within them replays the answer; docs/integration.md)",
    value: (c) => c.idempotencyKeyHours,
  },
  {
    name: 'CHANGE_FEED_RETENTION_DAYS',
    meaning:
      'how far back the change feed reads, in days: a cursor whose next change is older is refused (BAD_USER_INPUT, `reason: CURSOR_EXPIRED`) and the script resyncs (docs/integration.md)',
    value: (c) => c.integration.feedRetentionDays,
  },
  {
    name: 'WEBHOOK_ALLOW_PRIVATE_URLS',
    meaning:
      '`true` lets webhooks deliver to loopback, link-local and private addresses (a closed network, tests); otherwise such URLs are refused when saved and when delivered',
    value: (c) => c.integration.webhookAllowPrivateUrls,
  },
  {
    name: 'TRUSTED_PROXIES',
    meaning: 'comma-separated addresses or CIDR ranges of proxies whose `X-Forwarded-For` is believed',
    value: (c) => c.limits.trustedProxies,
  },
];

function shown(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value)) return value.map((v) => `\`${String(v)}\``).join(', ');
  return `\`${String(value)}\``;
}

/** The Markdown table of docs/operations.md, defaults computed from loadConfig. */
export function configurationTable(): string {
  const development = loadConfig({});
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const sealing = randomBytes(32).toString('base64');
  const production = loadConfig({
    NODE_ENV: 'production',
    JWT_PRIVATE_KEY: key,
    FIELD_ENCRYPTION_KEYS: `k1:${sealing}`,
    FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
  });
  const rows = CONFIG_VARIABLES.map((v) => {
    const dev = v.value ? shown(v.value(development)) : '—';
    const prod = v.value ? shown(v.value(production)) : '—';
    const fallback = dev === prod ? dev : `${dev} (development), ${prod} (production)`;
    return `| \`${v.name}\` | ${fallback} | ${v.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n') + '\n';
}

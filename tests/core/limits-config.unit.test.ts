import { ConfigError, loadConfig } from '../../src/config';

describe('configuration of the limits', () => {
  it('has defaults every query of the README, the tests and the benchmark passes', () => {
    expect(loadConfig({}).limits).toEqual({
      maxTokens: 2_000,
      maxDepth: 20,
      maxAliases: 100,
      maxDirectives: 20,
      maxFields: 1_000,
      maxRows: 50_000,
      maxCost: 1_000_000_000_000,
      maxSubscriptions: 20,
      qrReportsPerToken: 60,
      qrReportsPerSource: 10,
      budget: { points: 20_000, restorePerSecond: 1_000 },
      anonymousBudget: { points: 2_000, restorePerSecond: 100 },
      budgetFlushMs: 100,
      statementTimeoutMs: 5_000,
      poolSharePercent: 50,
      poolWaitMs: 1_000,
      jitCacheSize: 1_000,
      loginMaxFailures: 5,
      loginLockSeconds: 900,
      loginSourceMaxFailures: 100,
      loginSourceWindowSeconds: 3_600,
      trustedProxies: [],
    });
  });

  it('reads every variable', () => {
    const limits = loadConfig({
      QUERY_MAX_TOKENS: '3000',
      QUERY_MAX_DEPTH: '12',
      QUERY_MAX_ALIASES: '10',
      QUERY_MAX_DIRECTIVES: '5',
      QUERY_MAX_FIELDS: '400',
      QUERY_MAX_COST: '5000000',
      QUERY_MAX_ROWS: '1234',
      QUERY_BUDGET_POINTS: '1000',
      QUERY_BUDGET_RESTORE_RATE: '50',
      ANONYMOUS_QUERY_BUDGET_POINTS: '100',
      ANONYMOUS_QUERY_BUDGET_RESTORE_RATE: '5',
      QUERY_BUDGET_FLUSH_MS: '0',
      STATEMENT_TIMEOUT_MS: '2500',
      DB_POOL_PRINCIPAL_SHARE: '30',
      DB_POOL_WAIT_MS: '200',
      JIT_CACHE_SIZE: '50',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_SECONDS: '60',
      LOGIN_SOURCE_MAX_FAILURES: '20',
      LOGIN_SOURCE_WINDOW_SECONDS: '120',
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1, ::1, fd00::/8',
      SUBSCRIPTIONS_PER_CONNECTION: '4',
      QR_REPORTS_PER_TOKEN: '30',
      QR_REPORTS_PER_SOURCE: '3',
    }).limits;
    expect(limits).toEqual({
      maxTokens: 3000,
      maxDepth: 12,
      maxAliases: 10,
      maxDirectives: 5,
      maxFields: 400,
      maxCost: 5_000_000,
      maxRows: 1_234,
      maxSubscriptions: 4,
      qrReportsPerToken: 30,
      qrReportsPerSource: 3,
      budget: { points: 1000, restorePerSecond: 50 },
      anonymousBudget: { points: 100, restorePerSecond: 5 },
      budgetFlushMs: 0,
      statementTimeoutMs: 2500,
      poolSharePercent: 30,
      poolWaitMs: 200,
      jitCacheSize: 50,
      loginMaxFailures: 3,
      loginLockSeconds: 60,
      loginSourceMaxFailures: 20,
      loginSourceWindowSeconds: 120,
      trustedProxies: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'],
    });
  });

  it.each([
    [{ QUERY_MAX_DEPTH: 'deep' }, 'QUERY_MAX_DEPTH="deep" is not a whole number'],
    [{ QUERY_MAX_COST: '0' }, 'QUERY_MAX_COST=0 is out of range'],
    [{ QUERY_BUDGET_RESTORE_RATE: '0' }, 'QUERY_BUDGET_RESTORE_RATE=0 is out of range'],
    [{ STATEMENT_TIMEOUT_MS: '10' }, 'STATEMENT_TIMEOUT_MS=10 is out of range'],
    [{ DB_POOL_PRINCIPAL_SHARE: '150' }, 'DB_POOL_PRINCIPAL_SHARE=150 is out of range'],
    [{ JIT_CACHE_SIZE: '-1' }, 'JIT_CACHE_SIZE="-1" is not a whole number'],
    [{ TRUSTED_PROXIES: 'proxy.internal' }, 'TRUSTED_PROXIES entry "proxy.internal" is not an IP address or a CIDR range'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES entry "10.0.0.0/33" is not an IP address or a CIDR range'],
  ])('refuses %j in one line saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

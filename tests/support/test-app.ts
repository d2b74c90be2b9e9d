import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../src/app';
import type { Clock } from '../../src/core/clock';
import { loadConfig } from '../../src/config';
import { openAppOrm } from '../../src/core/database/database';
import type { RunSql } from '../../src/core/auth/tokens';
import { createLogger, quietLogger, type Logger } from '../../src/core/logger';
import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { FIELD_KEYS } from './processes';
import { appDatabaseUrl, createTestDatabase, dropTestDatabase, sql, type TemplateKind } from './databases';

export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions: { code: string; requestId?: string; stacktrace?: string[]; [key: string]: unknown };
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLErrorShape[];
  extensions?: { requestId: string; sqlStatements?: number; sqlRoundTrips?: number };
}

export interface RequestOptions {
  /** Sign in as this login (a bearer token is minted for it); null: anonymous. Default platform.admin. */
  as?: string | null;
  /** Raw headers (an Authorization header here wins over `as`). */
  headers?: Record<string, string>;
}

export interface TestApp {
  /** The /graphql endpoint of the running server. */
  url: string;
  database: string;
  orm: MikroORM;
  /** Sends a typed operation (or raw query text) through HTTP, as a frontend would. */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<TData>>;
  /** The server's job queue: `runDue()` runs the jobs due at the test clock's time (tests move the clock, never sleep). */
  jobs: App['jobs'];
  /** The server's subscriptions (WebSocket on the same path) and its LISTEN connection. */
  live: App['live'];
  /** A bearer token for a user (platform.admin is created on demand in databases without the demo principals). */
  tokenFor(login: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  template?: TemplateKind;
  /** Serve the database of another test app (a second instance; closing this one leaves the database). */
  database?: string;
  env?: Record<string, string>;
  logger?: Logger;
  /** Serve without the permission tree (tests of row-level security alone). */
  withoutPermissions?: boolean;
  /** The clock requests read (a fixed day for tests of quarters, deadlines, due days). */
  clock?: Clock;
}

/**
 * Budgets and shares a whole test file cannot use up (every test signs in as a few principals and
 * calls from one address); the tests of the limits set their own, tight ones.
 */
export const GENEROUS_LIMITS: Record<string, string> = {
  QUERY_BUDGET_POINTS: '1000000000000',
  QUERY_BUDGET_RESTORE_RATE: '1000000000',
  ANONYMOUS_QUERY_BUDGET_POINTS: '1000000000000',
  ANONYMOUS_QUERY_BUDGET_RESTORE_RATE: '1000000000',
  DB_POOL_PRINCIPAL_SHARE: '100',
  LOGIN_SOURCE_MAX_FAILURES: '100000',
};

function signingKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** One signing key per test run, outside the checkout. */
export function testDataDir(): string {
  return path.join(os.tmpdir(), `lianxin-test-data-${process.env.LIANXIN_TEST_RUN ?? 'local'}`);
}

/** A real server on a random port over a database of its own (demo data by default). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.template ?? 'demo'));
  const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: testDataDir(), ...GENEROUS_LIMITS, ...options.env };
  // Production refuses to start without a signing key: give it one, as an operator would.
  if (env.NODE_ENV === 'production' && !env.JWT_PRIVATE_KEY) env.JWT_PRIVATE_KEY = signingKeyPem();
  if (env.NODE_ENV === 'production' && !env.FIELD_ENCRYPTION_KEYS) Object.assign(env, FIELD_KEYS);
  const config = loadConfig(env);
  const logger = options.logger ?? (process.env.TEST_LOG ? createLogger('debug') : quietLogger);
  // The API's own connection: the application role, as in production.
  const orm = await openAppOrm(appDatabaseUrl(database), logger, env.DB_POOL_MAX ? config.poolMax : 5);
  let app: App;
  try {
    app = await createApp({ orm, config, logger, withoutPermissions: options.withoutPermissions, clock: options.clock });
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;

  const tokens = new Map<string, string>();
  async function tokenFor(login: string): Promise<string> {
    let token = tokens.get(login);
    if (!token) {
      let [user] = await sql<{ id: number }>(database, 'select id from user_account where login = $1', [login]);
      if (!user && login === 'platform.admin') {
        [user] = await sql<{ id: number }>(
          database,
          "insert into user_account (login, display_name) values ('platform.admin', '平台管理员') returning id",
        );
        await sql(database, "insert into role_binding (user_id, role, scope_type) values ($1, 'PLATFORM_ADMIN', 'PLATFORM')", [user.id]);
      }
      if (!user) throw new Error(`no user ${login} in the test database`);
      const run: RunSql = (text, values) => sql(database, text, values);
      const issued = await app.tokens.issue(run, user.id);
      if (!issued) throw new Error(`${login} is disabled`);
      token = issued.token;
      tokens.set(login, token);
    }
    return token;
  }

  return {
    url,
    database,
    orm,
    jobs: app.jobs,
    live: app.live,
    tokenFor,
    async request(document, variables, options = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const as = options.as === undefined ? 'platform.admin' : options.as;
      const auth: Record<string, string> = as ? { authorization: `Bearer ${await tokenFor(as)}` } : {};
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth, ...options.headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse<never>, 'status'>;
      return { status: res.status, ...body };
    },
    async close() {
      await app.close();
      await orm.close(true);
      if (!options.database) await dropTestDatabase(database);
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length || !response.data) {
    throw new Error(`expected success, got ${JSON.stringify(response.errors ?? response, null, 2)}`);
  }
  return response.data;
}

/** The error codes of a response, in order. */
export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => e.extensions.code);
}

export function gid(type: string, pk: number): string {
  return Buffer.from(`${type}:${pk}`).toString('base64url');
}

/** The primary key inside a global ID (tests only: clients never parse IDs). */
export function pkOf(id: string): number {
  return Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
}

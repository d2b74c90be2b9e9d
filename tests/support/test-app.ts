import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openOrm } from '../../src/core/database/database';
import { createLogger, quietLogger, type Logger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase, type TemplateKind } from './databases';

export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions: { code: string; requestId?: string; stacktrace?: string[]; [key: string]: unknown };
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLErrorShape[];
  extensions?: { requestId: string; sqlStatements?: number };
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
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  template?: TemplateKind;
  env?: Record<string, string>;
  logger?: Logger;
}

/** A real server on a random port over a database of its own (demo data by default). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.template ?? 'demo');
  const config = loadConfig({ NODE_ENV: 'test', ...options.env });
  const logger = options.logger ?? (process.env.TEST_LOG ? createLogger('debug') : quietLogger);
  const orm = await openOrm(databaseUrl(database), logger, 5);
  let app: App;
  try {
    app = await createApp({ orm, config, logger });
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;

  return {
    url,
    database,
    orm,
    async request(document, variables, headers = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse<never>, 'status'>;
      return { status: res.status, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
      await orm.close(true);
      await dropTestDatabase(database);
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

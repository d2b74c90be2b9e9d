import '../../src/platform';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/core/database/database';
import { quietLogger } from '../../src/core/logger';
import { seedDemo } from '../../src/seed/demo';
import { installAuditCapture, unauditedChanges } from './audit-capture';

/*
 * Every test file works in a database of its own, cloned from a template this run builds once
 * (migrations, plus the demo data for the "demo" template). Names carry the run id, so nothing an
 * earlier run left behind is ever reused; the global teardown drops them all.
 */

export type TemplateKind = 'demo' | 'schema';

function adminUrl(): string {
  const url = process.env.LIANXIN_TEST_ADMIN_URL;
  if (!url) throw new Error('LIANXIN_TEST_ADMIN_URL is not set: run the tests with `npm test`');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's password for the application role (set on the role by the global setup). */
function appPassword(): string {
  const password = process.env.LIANXIN_TEST_APP_PASSWORD;
  if (!password) throw new Error('LIANXIN_TEST_APP_PASSWORD is not set: run the tests with `npm test`');
  return password;
}

/** A test database as the application role logs in to it: what the API serves with. */
export function appDatabaseUrl(name: string): string {
  const url = new URL(databaseUrl(name));
  url.username = 'lianxin_app';
  url.password = appPassword();
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The role is the server's: another template's migrations may be changing it at this moment. */
async function alterRoleRetrying(client: pg.Client, statement: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(statement);
      return;
    } catch (err) {
      if (attempt >= 5 || !/tuple concurrently updated/.test((err as Error).message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Creates a fresh database for this test file and returns its name. */
export async function createTestDatabase(kind: TemplateKind): Promise<string> {
  const run = process.env.LIANXIN_TEST_RUN;
  const template = `lianxin_tpl_${kind}_${run}`;
  // Random, not a counter: jest loads this module afresh for every test file in a worker, so a
  // counter restarts at 1, and a file that could not drop its database (a timed-out afterAll)
  // would make every later file of that worker fail on "already exists".
  const name = `lianxin_t_${run}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    // One worker builds each template; the others wait on the lock, then clone it.
    await client.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (!rowCount) {
        await client.query(`create database "${template}" encoding 'UTF8' template template0`);
        let orm: MikroORM | undefined;
        try {
          orm = await openOrm(databaseUrl(template), quietLogger, 2);
          // The role exists once the migrations have run; it logs in with this run's password.
          await alterRoleRetrying(client, `alter role lianxin_app login password ${client.escapeLiteral(appPassword())}`);
          if (kind === 'demo') await seedDemo(orm, quietLogger);
          await withDatabase(template, (db) => installAuditCapture(db, orm!));
        } catch (err) {
          await orm?.close(true);
          await client.query(`drop database "${template}" with (force)`);
          throw err;
        }
        await orm.close(true);
      }
      await client.query(`create database "${name}" template "${template}" strategy file_copy`);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return name;
}

async function withDatabase<T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test file's database, after checking that every row the API changed in it has its
 * audit entry (support/audit-capture.ts): a change without one fails the file.
 */
export async function dropTestDatabase(name: string): Promise<void> {
  const exists = await withAdmin(async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount);
  const unaudited = exists ? await withDatabase(name, unauditedChanges) : [];
  await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`));
  if (unaudited.length > 0) throw new Error(`Row changes made by the API without an audit entry:\n  ${unaudited.join('\n  ')}`);
}

/** Runs SQL directly against a test database as the superuser (setup and inspection only). */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(
  database: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withDatabase(database, async (client) => (await client.query<T>(text, params)).rows);
}

/** Runs SQL as a database role (e.g. lianxin_app, with every community in reach), in a transaction rolled back afterwards. */
export async function sqlAs<T extends pg.QueryResultRow = Record<string, unknown>>(
  database: string,
  role: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    await client.query('begin');
    // A signed grant for everything (the superuser may ask for one), then the role itself.
    await client.query('select lianxin_grant_everything()');
    await client.query(`set local role ${client.escapeIdentifier(role)}`);
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}

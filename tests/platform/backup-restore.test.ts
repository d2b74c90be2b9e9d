import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openAppOrm, openOrm } from '../../src/core/database/database';
import { quietLogger } from '../../src/core/logger';
import { seedDemo } from '../../src/seed/demo';
import { createTestDatabase, dropTestDatabase } from '../support/databases';
import { GENEROUS_LIMITS, gid, testDataDir } from '../support/test-app';

/*
 * Backup and restore as docs/operations.md gives them: pg_dump of a populated database (custom
 * format), pg_restore into a new database, the API started on it, and every published statement
 * still verifying against its ledger, with the same figures as the original. pg_dump must be of the
 * server's major version or newer: the suite's own server when it is (CI's PostgreSQL 15 run);
 * otherwise (the embedded PostgreSQL 18 run) the PostgreSQL at BACKUP_TEST_DATABASE_URL (default the
 * machine's 127.0.0.1:5432), populated here. A machine without pg_dump fails: the backup could not be
 * taken there either.
 */

function tool(name: string): string {
  const dir = process.env.PG_BIN;
  return dir ? path.join(dir, name) : name;
}

function majorOfTool(): number {
  const out = execFileSync(tool('pg_dump'), ['--version'], { encoding: 'utf8' });
  return Number(/(\d+)(?:\.\d+)?/.exec(out)![1]);
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function majorOfServer(url: string): Promise<number> {
  return withClient(url, async (c) => Math.floor(Number((await c.query('show server_version_num')).rows[0].server_version_num) / 10000));
}

function urlFor(adminUrl: string, database: string, as?: { user: string; password: string }): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (as) {
    url.username = as.user;
    url.password = as.password;
  }
  return url.toString();
}

interface Served {
  app: App;
  orm: MikroORM;
  port: number;
  token: string;
}

/** The API on a database, as the application role, with a platform administrator's token. */
async function serve(adminUrl: string, database: string): Promise<Served> {
  const appUrl = urlFor(adminUrl, database, { user: 'lianxin_app', password: process.env.LIANXIN_TEST_APP_PASSWORD! });
  const orm = await openAppOrm(appUrl, quietLogger, 3);
  const app = await createApp({
    orm,
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: testDataDir(), ...GENEROUS_LIMITS }),
    logger: quietLogger,
  });
  const port = await app.listen(0, '127.0.0.1');
  const token = await withClient(urlFor(adminUrl, database), async (c) => {
    const [user] = (await c.query<{ id: number }>("select id from user_account where login = 'platform.admin'")).rows;
    const issued = await app.tokens.issue(async (text, values) => (await c.query(text, values as unknown[])).rows, user.id);
    return issued!.token;
  });
  return { app, orm, port, token };
}

async function ask(served: Served, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${served.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const STATEMENTS = `query Statements($id: ID!) { node(id: $id) { ... on Compound { name monthlyStatements(first: 100) { totalCount nodes {
  month status verified verification { verified contentMatchesLedger hashMatches openingMatchesPrevious }
  openingBalanceFen incomeFen expenseFen closingBalanceFen contentHash } } } } }`;
const FIGURES = `{ communities(first: 50) { totalCount nodes { name compounds { totalCount } persons { totalCount } } } }`;

describe('backup and restore', () => {
  it('restores a pg_dump of a populated database into a new one that serves the same figures, every statement verifying', async () => {
    const dumpMajor = majorOfTool();
    const suiteAdmin = process.env.LIANXIN_TEST_ADMIN_URL!;
    const sameServer = (await majorOfServer(suiteAdmin)) <= dumpMajor;
    const adminUrl = sameServer ? suiteAdmin : (process.env.BACKUP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const serverMajor = await majorOfServer(adminUrl).catch((err: Error) => {
      throw new Error(
        `pg_dump ${dumpMajor} cannot dump the suite's server, and no other answers at BACKUP_TEST_DATABASE_URL: ${err.message}`,
      );
    });
    expect(serverMajor).toBeLessThanOrEqual(dumpMajor);

    const run = process.env.LIANXIN_TEST_RUN;
    let source: string;
    if (sameServer) source = await createTestDatabase('demo');
    else {
      source = `lianxin_t_${run}_${process.pid}_backup_src`;
      await withClient(adminUrl, (c) => c.query(`create database "${source}" encoding 'UTF8' template template0`));
      const orm = await openOrm(urlFor(adminUrl, source), quietLogger, 2);
      try {
        // The role is the cluster's, shared with other runs there: its password changes only when this run's does not log in.
        const password = process.env.LIANXIN_TEST_APP_PASSWORD!;
        const logsIn = await withClient(urlFor(adminUrl, source, { user: 'lianxin_app', password }), async () => true).catch(() => false);
        if (!logsIn) await withClient(adminUrl, (c) => c.query(`alter role lianxin_app login password ${c.escapeLiteral(password)}`));
        await seedDemo(orm, quietLogger);
      } finally {
        await orm.close(true);
      }
    }
    const restored = `lianxin_t_${run}_${process.pid}_restored`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-'));
    const served: Served[] = [];
    try {
      const dump = path.join(dir, 'lianxin.dump');
      execFileSync(tool('pg_dump'), ['--format=custom', `--file=${dump}`, urlFor(adminUrl, source)]);
      const roles = execFileSync(tool('pg_dumpall'), ['--roles-only', '--no-role-passwords', '-d', adminUrl], { encoding: 'utf8' });
      expect(roles).toMatch(/^CREATE ROLE lianxin_app;$/m);
      await withClient(adminUrl, (c) => c.query(`create database "${restored}" encoding 'UTF8' template template0`));
      const owner = new URL(adminUrl).username;
      execFileSync(tool('pg_restore'), ['--exit-on-error', '--no-owner', `--role=${owner}`, '-d', urlFor(adminUrl, restored), dump]);

      const original = await serve(adminUrl, source);
      served.push(original);
      const copy = await serve(adminUrl, restored);
      served.push(copy);
      const compounds = await withClient(
        urlFor(adminUrl, source),
        async (c) =>
          (
            await c.query<{ id: number }>(
              'select distinct compound_id as id from monthly_statement where published_at is not null order by 1',
            )
          ).rows,
      );
      expect(compounds.length).toBeGreaterThan(0);
      let published = 0;
      for (const { id } of compounds) {
        const before = await ask(original, STATEMENTS, { id: gid('Compound', id) });
        const after = await ask(copy, STATEMENTS, { id: gid('Compound', id) });
        expect(after).toEqual(before);
        const nodes = (
          after.node as {
            monthlyStatements: { nodes: Array<{ status: string; verified: boolean; verification: Record<string, boolean> }> };
          }
        ).monthlyStatements.nodes;
        for (const s of nodes.filter((n) => n.status === 'PUBLISHED')) {
          published++;
          expect(s.verified).toBe(true);
          expect(Object.values(s.verification).every(Boolean)).toBe(true);
        }
      }
      expect(published).toBeGreaterThan(5);
      expect(await ask(copy, FIGURES)).toEqual(await ask(original, FIGURES));
    } finally {
      for (const s of served) {
        await s.app.close();
        await s.orm.close(true);
      }
      rmSync(dir, { recursive: true, force: true });
      await withClient(adminUrl, (c) => c.query(`drop database if exists "${restored}" with (force)`));
      if (sameServer) await dropTestDatabase(source);
      else await withClient(adminUrl, (c) => c.query(`drop database if exists "${source}" with (force)`));
    }
  });
});

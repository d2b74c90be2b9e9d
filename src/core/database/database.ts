import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ConfigError, type Config } from '../../config';
import { checkConnection } from './check-connection';
import { installJobQueue } from '../jobs/install';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { migrationsList } from './migrations-list';
import { ormOptions } from './orm-options';

export const EMBEDDED_DATABASE = 'lianxin';

/** The role the API serves as: not superuser, not owner, not BYPASSRLS, a member of nothing. */
export const APP_ROLE = 'lianxin_app';

export interface DatabaseTarget {
  /** The owner's connection (migrations, seeds, tools); absent when only the application's login is configured. */
  ownerUrl?: string;
  /** The application's own login, what the API serves with. */
  appUrl: string;
  embedded?: RunningPostgres;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    return true;
  } finally {
    await client.end();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What the role behind a connection may do that the application must not. */
interface RolePowers {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  ownsTables: boolean;
  memberOf: string[];
}

async function rolePowers(url: string): Promise<RolePowers> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<RolePowers>(
      `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as "bypassRls",
              exists (select 1 from pg_tables where tableowner = r.rolname and schemaname = 'public') as "ownsTables",
              coalesce((select array_agg(g.rolname::text) from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid), '{}') as "memberOf"
         from pg_roles r where r.rolname = current_user`,
    );
    return rows[0];
  });
}

function isPrivileged(p: RolePowers): boolean {
  return p.superuser || p.bypassRls || p.ownsTables || p.memberOf.length > 0;
}

/** The same server and database as `ownerUrl`, as the application's login role. */
function appUrlFor(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

/**
 * The application role's password for a server we own the credentials of: generated once, kept in
 * DATA_DIR (mode 0600) and set on the role at every start, so the server can log in as it without
 * anyone choosing (or publishing) a password.
 */
function appPasswordFor(dataDir: string): string {
  const file = path.join(dataDir, 'app-role.password');
  if (existsSync(file)) {
    const known = readFileSync(file, 'utf8').trim();
    if (known) return known;
  }
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

/** Gives the application role its password (the role exists once migrations have run). */
export async function setAppRolePassword(ownerUrl: string, password: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(ownerUrl, async (client) => {
        await client.query(`alter role ${APP_ROLE} login password ${client.escapeLiteral(password)}`);
      });
      return;
    } catch (err) {
      // The role is the server's: another database's migrations may be changing it at this moment.
      if (attempt >= 5 || !isConcurrentCatalogUpdate(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Where to connect. DATABASE_URL when given — outside production it may be the owner's (or a
 * superuser's): migrations run with it and the API serves as lianxin_app on the same database; in
 * production it must be lianxin_app's own login, with MIGRATION_DATABASE_URL for migrations.
 * Without DATABASE_URL: the embedded cluster under DATA_DIR, started here.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    await checkConnection(config.databaseUrl);
    if (config.migrationDatabaseUrl) await checkConnection(config.migrationDatabaseUrl, 'MIGRATION_DATABASE_URL');
    const powers = await rolePowers(config.databaseUrl);
    if (isPrivileged(powers)) {
      if (config.env === 'production') {
        throw new ConfigError(
          `DATABASE_URL connects as ${powers.role}, which ${describePowers(powers)}; in production connect as ${APP_ROLE} (its own login) and give the owner's connection as MIGRATION_DATABASE_URL`,
        );
      }
      const ownerUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
      return { ownerUrl, appUrl: appUrlFor(config.databaseUrl, appPasswordFor(config.dataDir)) };
    }
    return { ownerUrl: config.migrationDatabaseUrl, appUrl: config.databaseUrl };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, logger });
  try {
    await createDatabaseIfMissing(embedded.adminUrl(), EMBEDDED_DATABASE);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  const ownerUrl = embedded.adminUrl(EMBEDDED_DATABASE);
  return { ownerUrl, appUrl: appUrlFor(ownerUrl, appPasswordFor(config.dataDir)), embedded };
}

function describePowers(p: RolePowers): string {
  const what = [
    p.superuser && 'is a superuser',
    p.bypassRls && 'bypasses row-level security',
    p.ownsTables && 'owns the tables',
    p.memberOf.length > 0 && `is a member of ${p.memberOf.join(', ')}`,
  ];
  return what.filter(Boolean).join(' and ');
}

/** The advisory lock migrations run under (advisory locks are per database, so one key serves every database). */
export const MIGRATION_LOCK = 'lianxin.migrate';

async function migrateOnce(ownerUrl: string, logger: Logger): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions({ clientUrl: ownerUrl, poolMax: 1, logger }));
  try {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) logger.info('applied migrations', { migrations: applied.map((m) => m.name) });
    // The job queue's schema is graphile-worker's own, migrated by it (after ours: it grants to lianxin_app).
    await installJobQueue(ownerUrl, (sql) => withClient(ownerUrl, (client) => client.query(sql)), logger);
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

/** PostgreSQL's "tuple concurrently updated" (XX000), anywhere in an error's chain of causes. */
function isConcurrentCatalogUpdate(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && /tuple concurrently (updated|deleted)/.test(e.message)) return true;
  }
  return false;
}

/**
 * Applies pending migrations with the owner's connection (every schema change is a migration; never
 * synchronize), holding a session advisory lock on a connection of its own: instances started
 * together wait for the first, then find nothing left to apply. The lock goes with its session, so
 * a migrator that dies mid-way never leaves the next one waiting forever.
 */
export async function migrate(ownerUrl: string, logger: Logger): Promise<string[]> {
  return withClient(ownerUrl, async (lock) => {
    const { rows } = await lock.query<{ got: boolean }>('select pg_try_advisory_lock(hashtext($1)) as got', [MIGRATION_LOCK]);
    if (!rows[0].got) {
      logger.info('another instance is migrating this database; waiting for it');
      await lock.query('select pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    }
    try {
      const applied: string[] = [];
      for (let attempt = 1; ; attempt++) {
        try {
          applied.push(...(await migrateOnce(ownerUrl, logger)));
          return applied;
        } catch (err) {
          // Roles are the cluster's, not the database's: two databases migrating at once on one server
          // (test runs, several tenants' databases) can collide on the application role's catalog row.
          // The failed migration rolled back, so trying again is safe.
          if (attempt >= 5 || !isConcurrentCatalogUpdate(err)) throw err;
          logger.warn('a concurrent role change on this server interrupted the migrations; trying again', { attempt });
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    } finally {
      await lock.query('select pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  });
}

/**
 * Migrates (when the owner's connection is known) and readies the application role's login:
 * development's `npm start`, the tests and the tools. Production runs `npm run migrate` instead.
 */
export async function prepareDatabase(db: DatabaseTarget, logger: Logger): Promise<void> {
  if (!db.ownerUrl) return;
  await migrate(db.ownerUrl, logger);
  const app = new URL(db.appUrl);
  if (app.username === APP_ROLE && db.ownerUrl !== db.appUrl) await setAppRolePassword(db.ownerUrl, decodeURIComponent(app.password));
}

/** The owner's ORM, for seeds and tools (after prepareDatabase). */
export async function openOwnerOrm(ownerUrl: string, logger: Logger, poolMax = 2): Promise<MikroORM> {
  return MikroORM.init(ormOptions({ clientUrl: ownerUrl, poolMax, logger }));
}

/**
 * The API's ORM, logged in as the application role. Refuses a connection that could step around
 * row-level security, and a database whose migrations are behind this code.
 */
export async function openAppOrm(appUrl: string, logger: Logger, poolMax = 10, replicaUrls: readonly string[] = []): Promise<MikroORM> {
  const powers = await rolePowers(appUrl).catch((err: Error) => {
    throw new ConfigError(`cannot log in as the application role: ${err.message.split('\n')[0]}`);
  });
  if (isPrivileged(powers))
    throw new ConfigError(`the API must not serve as ${powers.role}, which ${describePowers(powers)}; connect as ${APP_ROLE}`);
  const orm = await MikroORM.init(ormOptions({ clientUrl: appUrl, poolMax, logger, replicaUrls }));
  let pending: string[];
  try {
    const [row] = await orm.em
      .getConnection()
      .execute<Array<{ pending: string[] }>>("select lianxin_pending_migrations(string_to_array(?, ',')) as pending", [
        migrationsList.map((m) => m.name).join(','),
      ]);
    pending = row.pending;
  } catch (err) {
    logger.debug('the migration check failed', { message: (err as Error).message });
    pending = ['(the database predates this check)'];
  }
  if (pending.length > 0) {
    await orm.close(true);
    throw new ConfigError(
      `the database is behind this code (${pending.length} migrations pending, first ${pending[0]}); run npm run migrate with MIGRATION_DATABASE_URL`,
    );
  }
  return orm;
}

/** For tools and tests that work as the owner: migrates, then opens the ORM on the same connection. */
export async function openOrm(url: string, logger: Logger, poolMax = 10): Promise<MikroORM> {
  await migrate(url, logger);
  return openOwnerOrm(url, logger, poolMax);
}

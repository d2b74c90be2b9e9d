import 'reflect-metadata';
import '../platform';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormOptions } from '../core/database/orm-options';

/*
 * npm run migration:create [-- --name <label>]
 * Diffs the entities against a scratch database with every existing migration applied and writes
 * the difference as a new file in migrations/. Uses DATABASE_URL's
 * server (default: the local PostgreSQL at 127.0.0.1:5432).
 */
async function main(): Promise<void> {
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = `lianxin_migration_scratch_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${scratch}`);
  const url = new URL(admin);
  url.pathname = `/${scratch}`;
  const orm = await MikroORM.init(ormOptions({ clientUrl: url.toString() }));
  try {
    await orm.getMigrator().up();
    const nameArg = process.argv.indexOf('--name');
    const result = await orm.getMigrator().createMigration('migrations', false, false, nameArg > 0 ? process.argv[nameArg + 1] : undefined);
    console.log(result.fileName ? `wrote migrations/${result.fileName}` : 'entities and migrations agree: nothing to write');
  } finally {
    await orm.close(true);
    await client.query(`drop database ${scratch}`);
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/core/database/database';
import { migrationsList } from '../../src/core/database/migrations-list';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';

describe('migrations', () => {
  let database: string;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('schema');
    orm = await openOrm(databaseUrl(database), quietLogger, 2);
  });

  afterAll(async () => {
    await orm.close(true);
    await dropTestDatabase(database);
  });

  it('bring a fresh database exactly to what the entities describe (no pending schema difference)', async () => {
    const pending = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(pending.trim()).toBe('');
  });

  it('are all found, in file order, and nothing else lives in migrations/', () => {
    const files = readdirSync(path.resolve(__dirname, '../../migrations')).sort();
    expect(files.every((f) => /^Migration\d{14}_[a-z0-9_]+\.ts$/.test(f))).toBe(true);
    expect(migrationsList.map((m) => `${m.name}.ts`)).toEqual(files);
  });

  it('are recorded as applied, so a restart applies nothing again', async () => {
    const applied = await sql<{ name: string }>(database, 'select name from mikro_orm_migrations order by id');
    expect(applied.map((r) => r.name)).toEqual(migrationsList.map((m) => m.name));
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('can be rolled back to nothing and applied again', async () => {
    const scratch = await createTestDatabase('schema');
    const other = await openOrm(databaseUrl(scratch), quietLogger, 2);
    try {
      await other.getMigrator().down({ to: 0 });
      // The audit capture of the test support (support/audit-capture.ts) is not the migrations'.
      const left = await sql<{ n: number }>(
        scratch,
        "select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not in ('mikro_orm_migrations', 'lianxin_row_change', 'lianxin_row_change_entity')",
      );
      expect(left[0].n).toBe(0);
      await other.getMigrator().up();
      expect(await other.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await other.close(true);
      await dropTestDatabase(scratch);
    }
  });
});

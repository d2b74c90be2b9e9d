import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/core/database/database';
import { blindIndex, open } from '../../src/core/crypto/sealed';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';

/*
 * The migration that sealed identity card numbers and phones (Migration20261202200100) on a
 * database that holds them in plain text, as every deployment before it did: a database at the
 * schema just before it, persons with plain values, then every migration up to today. Every value
 * must come out sealed (opening to the same value), indexed with the blind index the lookups use,
 * the plain columns gone, and the database must refuse a plain value where a sealed one belongs.
 */

const SEALING = 'Migration20261202200100_sealed_personal_values';

const PLAIN = [
  { name: '张三', phone: '13800000001', idNumber: '110101199003071230' },
  { name: '李四', phone: '0351-5550002', idNumber: null },
  { name: '王五', phone: null, idNumber: '11010119900307123X' },
  { name: '赵六', phone: null, idNumber: null },
];

async function columns(database: string): Promise<string[]> {
  const rows = await sql<{ column_name: string }>(
    database,
    "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'person'",
  );
  return rows.map((r) => r.column_name);
}

describe('the migration that sealed plain personal values', () => {
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

  it('seals every plain phone and ID number in place, with its blind index, and drops the plain columns', async () => {
    // The schema just before the sealing, holding plain values.
    await orm.getMigrator().down({ to: SEALING });
    const [last] = await sql<{ name: string }>(database, 'select name from mikro_orm_migrations order by id desc limit 1');
    expect(last.name < SEALING).toBe(true);
    expect(await columns(database)).toEqual(expect.arrayContaining(['phone', 'id_number']));
    const [district] = await sql<{ id: number }>(database, "insert into district (name, city) values ('小店区', '太原市') returning id");
    const [street] = await sql<{ id: number }>(database, "insert into street (district_id, name) values ($1, '坞城街道') returning id", [
      district.id,
    ]);
    const [community] = await sql<{ id: number }>(
      database,
      "insert into community (district_id, street_id, name) values ($1, $2, '封存社区') returning id",
      [district.id, street.id],
    );
    for (const p of PLAIN) {
      await sql(database, 'insert into person (community_id, name, phone, id_number) values ($1, $2, $3, $4)', [
        community.id,
        p.name,
        p.phone,
        p.idNumber,
      ]);
    }

    // Forward to today, as a deployment that still held plain values ran it.
    await orm.getMigrator().up();
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    const cols = await columns(database);
    expect(cols).not.toContain('phone');
    expect(cols).not.toContain('id_number');
    const rows = await sql<{
      name: string;
      phone_sealed: string | null;
      phone_index: string | null;
      id_number_sealed: string | null;
      id_number_index: string | null;
    }>(
      database,
      'select name, phone_sealed, phone_index, id_number_sealed, id_number_index from person where community_id = $1 order by id',
      [community.id],
    );
    expect(rows.map((r) => r.name)).toEqual(PLAIN.map((p) => p.name));
    for (const [i, row] of rows.entries()) {
      const { phone, idNumber } = PLAIN[i];
      expect(row.phone_sealed === null ? null : open(row.phone_sealed)).toBe(phone);
      expect(row.id_number_sealed === null ? null : open(row.id_number_sealed)).toBe(idNumber);
      // Nothing of the plain value is readable in what is stored.
      for (const stored of [row.phone_sealed, row.id_number_sealed]) if (stored) expect(stored).toMatch(/^v1:/);
      if (phone) expect(row.phone_sealed).not.toContain(phone);
      if (idNumber) expect(row.id_number_sealed).not.toContain(idNumber);
      expect(row.phone_index).toBe(blindIndex('phone', phone));
      expect(row.id_number_index).toBe(blindIndex('id-number', idNumber));
    }
    // The database refuses a plain value where a sealed one belongs.
    await expect(
      sql(database, "update person set phone_sealed = '13800000009', phone_index = 'x' where community_id = $1", [community.id]),
    ).rejects.toThrow(/person_phone_sealed/);
  });
});

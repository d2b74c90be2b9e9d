import { randomBytes } from 'node:crypto';
import { fieldKeys, type FieldKeys } from '../../src/core/crypto/field-keys';
import { RESEAL_ACTION, SEALED_COLUMNS, resealStale } from '../../src/core/crypto/reseal';
import { blindIndex, open, seal } from '../../src/core/crypto/sealed';
import { databaseUrl, sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Re-sealing after a key rotation (npm run keys:reencrypt): values under an old key id are sealed
 * again with the current key, in batches, with an audit entry and no value in it; the plain value
 * and its blind index stay; a second run changes nothing.
 */
describe('keys:reencrypt', () => {
  let app: TestApp;
  const dev = fieldKeys(); // what the demo data was sealed with
  const k1: FieldKeys = { current: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: dev.indexKey, development: false };
  // After the rotation: k2 seals, k1 and the old development key still open.
  const rotated: FieldKeys = {
    current: 'k2',
    keys: new Map([['k2', randomBytes(32)], ['k1', k1.keys.get('k1')!], ...dev.keys]),
    indexKey: dev.indexKey,
    development: false,
  };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lists every sealed column of the schema', async () => {
    const rows = await sql<{ t: string; c: string }>(
      app.database,
      `select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and (column_name like '%\\_sealed' or column_name = 'sealed') order by 1, 2`,
    );
    const listed = SEALED_COLUMNS.flatMap((s) => s.columns.map((c) => `${s.table}.${c}`)).sort();
    expect(rows.map((r) => `${r.t}.${r.c}`)).toEqual(listed);
  });

  it('seals old values again with the current key, keeps values and indexes, audits without values, and is idempotent', async () => {
    // Some persons sealed under k1 (an older rotation), the rest of the demo under the development key.
    const persons = await sql<{ id: number }>(app.database, 'select id from person order by id limit 5');
    for (const [i, p] of persons.entries()) {
      const phone = `1380000000${i}`;
      await sql(app.database, 'update person set phone_sealed = $2, phone_index = $3 where id = $1', [
        p.id,
        seal(phone, k1),
        blindIndex('phone', phone, k1),
      ]);
    }
    const stale = async () =>
      (
        await sql<{ n: number }>(
          app.database,
          `select (select count(*) from person where split_part(phone_sealed, ':', 2) <> 'k2' or split_part(id_number_sealed, ':', 2) <> 'k2')
                + (select count(*) from anonymous_report where split_part(phone_sealed, ':', 2) <> 'k2')
                + (select count(*) from webhook_secret where split_part(sealed, ':', 2) <> 'k2') as n`,
        )
      )[0].n;
    const before = await sql<{ id: number; phone_sealed: string | null; phone_index: string | null; id_number_sealed: string | null }>(
      app.database,
      'select id, phone_sealed, phone_index, id_number_sealed, updated_at from person where phone_sealed is not null or id_number_sealed is not null order by id',
    );
    expect(Number(await stale())).toBeGreaterThan(5);
    const [{ max: auditBefore }] = await sql<{ max: number }>(app.database, 'select coalesce(max(id), 0) as max from audit_entry');

    const first = await resealStale(databaseUrl(app.database), rotated, { batchSize: 7, actor: 'test operator' });
    expect(Number(await stale())).toBe(0);
    expect(first.tables.person.rows).toBe(before.length);
    expect(first.batches).toBeGreaterThan(1);

    const after = await sql<{ id: number; phone_sealed: string | null; phone_index: string | null; id_number_sealed: string | null }>(
      app.database,
      'select id, phone_sealed, phone_index, id_number_sealed, updated_at from person where phone_sealed is not null or id_number_sealed is not null order by id',
    );
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      const old = before[i];
      // The same plain values under the new key; the blind index and updated_at untouched.
      for (const column of ['phone_sealed', 'id_number_sealed'] as const) {
        if (old[column] === null) expect(row[column]).toBeNull();
        else {
          expect(row[column]).toMatch(/^v1:k2:/);
          expect(open(row[column]!, rotated)).toBe(open(old[column], rotated));
        }
      }
      expect(row.phone_index).toBe(old.phone_index);
      expect(row).toEqual({ ...old, phone_sealed: row.phone_sealed, id_number_sealed: row.id_number_sealed });
    }
    // Without the old keys the values still open: the old keys can go.
    const onlyK2: FieldKeys = { ...rotated, keys: new Map([['k2', rotated.keys.get('k2')!]]) };
    expect(open(after[0].phone_sealed ?? after[0].id_number_sealed!, onlyK2)).toBeTruthy();

    // Audited per batch and community: rows and key ids, never a value; not in the change feed.
    const audit = await sql<{
      entity: string;
      entity_id: number | null;
      action: string;
      actor_label: string;
      changes: Record<string, unknown>;
    }>(app.database, 'select entity, entity_id, action, actor_label, changes from audit_entry where id > $1 order by id', [auditBefore]);
    expect(audit.length).toBeGreaterThanOrEqual(first.batches);
    expect(new Set(audit.map((a) => [a.entity, a.entity_id, a.action, a.actor_label].join('|')))).toEqual(
      new Set([`FieldKeyRotation||${RESEAL_ACTION}|test operator`]),
    );
    const audited = audit.filter((a) => a.changes.table === 'person').flatMap((a) => a.changes.rows as number[]);
    expect(audited.sort((a, b) => a - b)).toEqual(before.map((r) => r.id));
    expect(audit.find((a) => a.changes.table === 'person')!.changes).toMatchObject({
      columns: ['phone_sealed', 'id_number_sealed'],
      toKey: 'k2',
      fromKeys: expect.arrayContaining(['dev']),
    });
    const text = JSON.stringify(audit);
    expect(text).not.toContain('1380000000');
    expect(text).not.toMatch(/v1:(k1|k2|dev):/);

    // A second run finds nothing to do and writes nothing.
    const second = await resealStale(databaseUrl(app.database), rotated, { batchSize: 7 });
    expect(Object.values(second.tables).every((t) => t.rows === 0 && t.values === 0)).toBe(true);
    expect(second.batches).toBe(0);
    const [{ n }] = await sql<{ n: string }>(app.database, 'select count(*) as n from audit_entry where id > $1', [auditBefore]);
    expect(Number(n)).toBe(audit.length);
  });

  it('stops with the key id when a value was sealed with a key it is not given, changing nothing', async () => {
    const [p] = await sql<{ id: number }>(app.database, 'select id from person order by id desc limit 1');
    const lost: FieldKeys = { ...k1, current: 'k0', keys: new Map([['k0', randomBytes(32)]]) };
    await sql(app.database, 'update person set id_number_sealed = $2, id_number_index = $3 where id = $1', [
      p.id,
      seal('110101199001011234', lost),
      blindIndex('id-number', '110101199001011234', lost),
    ]);
    await expect(resealStale(databaseUrl(app.database), rotated)).rejects.toThrow(/k0/);
    const [row] = await sql<{ id_number_sealed: string }>(app.database, 'select id_number_sealed from person where id = $1', [p.id]);
    expect(row.id_number_sealed).toMatch(/^v1:k0:/);
  });
});

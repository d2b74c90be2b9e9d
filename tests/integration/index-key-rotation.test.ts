import { randomBytes } from 'node:crypto';
import { fieldKeys, installFieldKeys, type FieldKeys } from '../../src/core/crypto/field-keys';
import { REINDEX_ACTION, reindexStale } from '../../src/core/crypto/reindex';
import { blindIndex, open } from '../../src/core/crypto/sealed';
import { CreateApiKeyDocument, CreatePersonWithNumbersDocument, PersonByIdNumberDocument } from '../generated/graphql';
import { databaseUrl, sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

const NUMBER = '14010519800101123X';
const LATER = '140105199001011230';

/*
 * Rotating the blind-index key (FIELD_INDEX_KEY=<new>,<old>): while rows still carry indexes under
 * the old key, the integration still finds a person by number and a number stays unique in its
 * community; keys:reencrypt computes every index again under the new key (audited, no value, no
 * change of updated_at), a second run rewrites nothing, and then the old key can go.
 */
describe('blind-index key rotation', () => {
  let app: TestApp;
  let sync: { headers: Record<string, string>; as: null };
  let household: string;
  let person: string;
  const dev = fieldKeys();
  const rotated: FieldKeys = { ...dev, indexKey: randomBytes(32), previousIndexKeys: [dev.indexKey] };

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const key = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', account.id) } }),
    ).createApiKey;
    sync = { headers: { authorization: `Bearer ${key.secret!}` }, as: null };
    const [h] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h join community c on c.id = h.community_id where c.name = $1 order by h.id limit 1',
      [DEMO.yongkang],
    );
    household = gid('Household', h.id);
  });
  afterAll(async () => {
    installFieldKeys(dev);
    await app.close();
  });

  const create = async (name: string, idNumber: string) =>
    ok(
      await app.request(CreatePersonWithNumbersDocument, { input: { householdId: household, name, idNumber, phone: '13912345678' } }, sync),
    ).createPerson;
  const find = async (idNumber: string) => ok(await app.request(PersonByIdNumberDocument, { idNumber }, sync)).personByIdNumber;

  it('finds and keeps unique a number indexed under the previous key, then re-indexes every row under the new one', async () => {
    // Before the rotation: indexed under the key in use.
    const created = await create('轮换前居民', NUMBER);
    expect(created.userErrors).toEqual([]);
    person = created.person!.id;

    // The new index key first, the old one after it.
    installFieldKeys(rotated);
    expect(await find(NUMBER)).toMatchObject({ id: person, idNumber: null });
    expect(await create('重复居民', NUMBER)).toMatchObject({ person: null, userErrors: [{ field: ['idNumber'], code: 'TAKEN' }] });
    // A number written now is indexed under the new key.
    expect((await create('轮换后居民', LATER)).userErrors).toEqual([]);
    const [later] = await sql<{ id_number_index: string }>(app.database, "select id_number_index from person where name = '轮换后居民'");
    expect(later.id_number_index).toBe(blindIndex('id-number', LATER, rotated));

    const indexed = () =>
      sql<{
        id: number;
        phone_sealed: string | null;
        phone_index: string | null;
        id_number_sealed: string | null;
        id_number_index: string | null;
        updated_at: Date;
      }>(
        app.database,
        'select id, phone_sealed, phone_index, id_number_sealed, id_number_index, updated_at from person where phone_sealed is not null or id_number_sealed is not null order by id',
      );
    const before = await indexed();
    const [{ max: auditBefore }] = await sql<{ max: number }>(app.database, 'select coalesce(max(id), 0) as max from audit_entry');

    const first = await reindexStale(databaseUrl(app.database), rotated, { batchSize: 2, actor: 'test operator' });
    // Under the old key: every phone of a person but the one written after the rotation, and the
    // first person's number.
    const phones = before.filter((r) => r.phone_sealed).length;
    expect(first.tables.person.indexes).toBe(phones - 1 + 1);
    expect(first.batches).toBeGreaterThan(1);

    const after = await indexed();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      // Each index is the value's under the new key; values, ciphertexts and updated_at untouched.
      expect(row.phone_index).toBe(row.phone_sealed && blindIndex('phone', open(row.phone_sealed, rotated), rotated));
      expect(row.id_number_index).toBe(row.id_number_sealed && blindIndex('id-number', open(row.id_number_sealed, rotated), rotated));
      expect(row).toEqual({ ...before[i], phone_index: row.phone_index, id_number_index: row.id_number_index });
    }
    const reports = await sql<{ phone_sealed: string; phone_index: string }>(
      app.database,
      'select phone_sealed, phone_index from anonymous_report',
    );
    for (const r of reports) expect(r.phone_index).toBe(blindIndex('phone', open(r.phone_sealed, rotated), rotated));

    // Audited per batch and community without a value or an index; not in the change feed (no entity id).
    const audit = await sql<{ entity: string; entity_id: number | null; action: string; actor_label: string; changes: object }>(
      app.database,
      'select entity, entity_id, action, actor_label, changes from audit_entry where id > $1 order by id',
      [auditBefore],
    );
    expect(new Set(audit.map((a) => [a.entity, a.entity_id, a.action, a.actor_label].join('|')))).toEqual(
      new Set([`FieldKeyRotation||${REINDEX_ACTION}|test operator`]),
    );
    const text = JSON.stringify(audit);
    expect(text).not.toContain(NUMBER);
    expect(text).not.toContain(blindIndex('id-number', NUMBER, rotated));
    expect(text).not.toContain(blindIndex('id-number', NUMBER, dev));

    // A second run rewrites nothing and writes no audit entry.
    const second = await reindexStale(databaseUrl(app.database), rotated);
    expect(Object.values(second.tables).every((t) => t.indexes === 0)).toBe(true);
    expect(second.batches).toBe(0);
    const [{ n }] = await sql<{ n: string }>(app.database, 'select count(*) as n from audit_entry where id > $1', [auditBefore]);
    expect(Number(n)).toBe(audit.length);

    // The old key can go: the person is still found, the number still unique (now by the constraint).
    installFieldKeys({ ...rotated, previousIndexKeys: [] });
    expect(await find(NUMBER)).toMatchObject({ id: person });
    expect(await find(LATER)).toMatchObject({ name: '轮换后居民' });
    expect(await create('重复居民', NUMBER)).toMatchObject({ person: null, userErrors: [{ field: ['idNumber'], code: 'TAKEN' }] });
  });
});

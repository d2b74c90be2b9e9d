import {
  CreateApiKeyDocument,
  CreatePersonWithNumbersDocument,
  PersonByIdNumberDocument,
  UpdatePersonNumbersDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

const NUMBER = '14010519800101123X';
const OTHER = '140105198203041234';

/*
 * Identity card numbers and phones sealed at rest with a blind index beside them: the INTEGRATION
 * role writes a number and matches a person by it without ever reading one; those with a duty of
 * care read it in plain; uniqueness per community holds through the index.
 */
describe('identity card numbers and phones at rest', () => {
  let app: TestApp;
  let sync: { headers: Record<string, string>; as: null };
  let household: string;
  let zhenxingHousehold: string;
  let person: string;

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
    const [z] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h join community c on c.id = h.community_id where c.name = $1 order by h.id limit 1',
      [DEMO.zhenxing],
    );
    zhenxingHousehold = gid('Household', z.id);
  });
  afterAll(() => app.close());

  it('lets the integration write a number it may not read back, and stores neither number nor phone in plain', async () => {
    const created = ok(
      await app.request(
        CreatePersonWithNumbersDocument,
        { input: { householdId: household, name: '测试居民', phone: '13912345678', idNumber: NUMBER } },
        sync,
      ),
    ).createPerson;
    expect(created.userErrors).toEqual([]);
    expect(created.person).toMatchObject({ name: '测试居民', phone: '139****5678', idNumber: null });
    person = created.person!.id;
    const rows = await sql<Record<string, string>>(app.database, "select * from person where name = '测试居民'");
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(NUMBER);
    expect(stored).not.toContain('13912345678');
    expect(rows[0].id_number_sealed).toMatch(/^v1:dev:/);
    expect(rows[0].id_number_index).toMatch(/^[0-9a-f]{64}$/);
    // Nor does the audit log keep them in plain.
    expect(JSON.stringify(await sql(app.database, 'select changes from audit_entry'))).not.toContain(NUMBER);
  });

  it('finds the person by the number for the integration, without returning it; the admin reads it in plain', async () => {
    const found = ok(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, sync)).personByIdNumber;
    expect(found).toEqual({ id: person, name: '测试居民', phone: '139****5678', idNumber: null });
    const byAdmin = ok(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, { as: 'admin.yongkangbeilu' })).personByIdNumber;
    expect(byAdmin).toEqual({ id: person, name: '测试居民', phone: '13912345678', idNumber: NUMBER });
    // Lower case x is the same number; an unknown number is null; a malformed one is a bad input.
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER.toLowerCase() }, sync)).personByIdNumber).toMatchObject({
      id: person,
    });
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: OTHER }, sync)).personByIdNumber).toBeNull();
    expect(codes(await app.request(PersonByIdNumberDocument, { idNumber: '1234' }, sync))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses callers who may not read the person, and another community finds nothing', async () => {
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, { as: 'admin.zhenxing' })).personByIdNumber).toBeNull();
    expect(codes(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, { as: 'member.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, { as: null }))).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps a number unique in its community (TAKEN), not across communities', async () => {
    const twice = ok(
      await app.request(CreatePersonWithNumbersDocument, { input: { householdId: household, name: '重复居民', idNumber: NUMBER } }, sync),
    ).createPerson;
    expect(twice).toMatchObject({ person: null, userErrors: [{ field: ['idNumber'], code: 'TAKEN' }] });
    const elsewhere = ok(
      await app.request(
        CreatePersonWithNumbersDocument,
        { input: { householdId: zhenxingHousehold, name: '他社区居民', idNumber: NUMBER } },
        { as: 'admin.zhenxing' },
      ),
    ).createPerson;
    expect(elsewhere).toMatchObject({ userErrors: [], person: { idNumber: NUMBER } });
    // The platform reaches both communities: it must say which one it means.
    expect(codes(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }))).toEqual(['BAD_USER_INPUT']);
  });

  it('re-seals a changed number and leaves an unchanged one alone', async () => {
    const [before] = await sql<{ id_number_sealed: string }>(app.database, "select id_number_sealed from person where name = '测试居民'");
    ok(await app.request(UpdatePersonNumbersDocument, { input: { id: person, idNumber: NUMBER } }, { as: 'admin.yongkangbeilu' }));
    const [same] = await sql<{ id_number_sealed: string }>(app.database, "select id_number_sealed from person where name = '测试居民'");
    expect(same.id_number_sealed).toBe(before.id_number_sealed);
    const changed = ok(
      await app.request(
        UpdatePersonNumbersDocument,
        { input: { id: person, idNumber: OTHER, phone: null } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).updatePerson;
    expect(changed.person).toMatchObject({ idNumber: OTHER, phone: null });
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: NUMBER }, sync)).personByIdNumber).toBeNull();
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: OTHER }, sync)).personByIdNumber).toMatchObject({ id: person });
  });
});

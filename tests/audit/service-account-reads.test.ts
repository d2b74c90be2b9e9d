import { CreateApiKeyDocument, HouseholdPersonalDocument, PersonalDataReadersDocument } from '../generated/graphql';
import { blindIndex, seal } from '../../src/core/crypto/sealed';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The personal-data read log names service accounts too: the register's integration reads door
 * numbers plain in its community (it writes them), and each such read is an entry its community's
 * administrator sees, naming the service account; what it reads masked (phones) or not at all
 * (identity card numbers, vulnerability tags) leaves no entry; another community's admin sees none.
 */
describe("a service account's plain reads of personal values", () => {
  let app: TestApp;
  let sync: { headers: Record<string, string>; as: null };
  let community: string;
  let household: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const key = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', account.id) } }),
    ).createApiKey;
    sync = { headers: { authorization: `Bearer ${key.secret!}` }, as: null };
    // A household with a door number and a person with a phone (sealed as the API seals it), so
    // that the read shows one value plain and one masked.
    const [h] = await sql<{ id: number; community_id: number; person_id: number }>(
      app.database,
      `select h.id, h.community_id, min(p.id)::int as person_id from household h
         join community c on c.id = h.community_id join person p on p.household_id = h.id
        where c.name = $1 and h.door_no is not null
        group by h.id order by h.id limit 1`,
      [DEMO.yongkang],
    );
    await sql(app.database, 'update person set phone_sealed = $2, phone_index = $3 where id = $1', [
      h.person_id,
      seal('13700001234'),
      blindIndex('phone', '13700001234'),
    ]);
    household = gid('Household', h.id);
    community = gid('Community', h.community_id);
  });
  afterAll(() => app.close());

  const logAs = async (login: string) =>
    ok(await app.request(PersonalDataReadersDocument, { communityId: community, subjectId: household }, { as: login })).personalDataReads
      .nodes;

  it('logs the door number it reads plain under the service account, readable by its community admin only', async () => {
    expect(await logAs('admin.yongkangbeilu')).toEqual([]);

    const read = ok(await app.request(HouseholdPersonalDocument, { id: household }, sync)).node as {
      doorNo: string | null;
      vulnerabilityTags: string[] | null;
      persons: { nodes: Array<{ phone: string | null; idNumber: string | null }> };
    };
    expect(read.doorNo).toEqual(expect.any(String));
    expect(read.doorNo).not.toContain('*');
    // Masked or withheld: phones, identity card numbers and vulnerability tags.
    expect(read.persons.nodes.map((p) => p.phone)).toContain('137****1234');
    expect(read.persons.nodes.every((p) => p.idNumber === null)).toBe(true);

    const log = await logAs('admin.yongkangbeilu');
    // One entry: the door number. The masked phones and the withheld values left none.
    expect(log).toEqual([
      {
        readerKind: 'SERVICE',
        readerLabel: 'service:sync.yongkangbeilu',
        subjectType: 'Household',
        field: 'doorNo',
        reader: null,
        readerServiceAccount: { name: 'sync.yongkangbeilu' },
      },
    ]);
    const [row] = await sql<{ reader_service_account_id: number; reader_api_key_id: number; reader_user_id: number | null }>(
      app.database,
      "select reader_service_account_id, reader_api_key_id, reader_user_id from personal_data_read where reader_kind = 'service'",
    );
    expect(row.reader_user_id).toBeNull();
    expect(row.reader_api_key_id).toEqual(expect.any(Number));

    // Read twice more in one request and once in another: one entry per request.
    ok(await app.request(HouseholdPersonalDocument, { id: household }, sync));
    expect(await logAs('admin.yongkangbeilu')).toHaveLength(2);

    // Another community's admin does not reach the log; a user's reads are still logged as before.
    expect(codes(await app.request(PersonalDataReadersDocument, { communityId: community }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    const person = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from personal_data_read where reader_kind = 'service' and subject_type = 'Person'",
    );
    expect(person[0].n).toBe(0);
  });

  it('logs nothing for a household beyond its community (not shown at all)', async () => {
    // Zhenxing's household is beyond the register's service account: it is not shown at all.
    const [z] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h join community c on c.id = h.community_id where c.name = $1 and h.door_no is not null order by h.id limit 1',
      [DEMO.zhenxing],
    );
    const before = await sql<{ n: number }>(app.database, 'select count(*)::int as n from personal_data_read');
    const answer = await app.request(HouseholdPersonalDocument, { id: gid('Household', z.id) }, sync);
    expect(answer.data?.node ?? null).toBeNull();
    const after = await sql<{ n: number }>(app.database, 'select count(*)::int as n from personal_data_read');
    expect(after[0].n).toBe(before[0].n);
  });
});

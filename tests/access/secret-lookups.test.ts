import { CreateApiKeyDocument, CreatePersonWithNumbersDocument, PersonByIdNumberDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * A lookup by a secret value answers, found or not, whether a guess was right. personByIdNumber is
 * for those who may see the number plain (READ_PERSONAL_DATA over the person) or who write it (the
 * register's INTEGRATION account): anyone else who merely reads the person is FORBIDDEN whether the
 * number is on record or not, and a person outside the caller's duty of care is not found. Every
 * call costs a page of the query budget, hit, miss or refusal alike.
 */

const IN_XINYUAN = '140105198001011231';
const ELSEWHERE = '140105198105052345';
const NOWHERE = '140105199912319999';

type Costed = GraphQLResponse<unknown> & { extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number } } };

describe('lookups by identity card number', () => {
  let app: TestApp;
  let sync: { headers: Record<string, string>; as: null };
  let xinyuanPerson: string;
  let otherCompoundPerson: string;

  async function householdOf(compoundCondition: string): Promise<string> {
    const [h] = await sql<{ id: number }>(
      app.database,
      `select h.id from household h join compound cp on cp.id = h.compound_id join community c on c.id = h.community_id
        where c.name = $1 and ${compoundCondition} order by h.id limit 1`,
      [DEMO.yongkang],
    );
    return gid('Household', h.id);
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const key = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', account.id) } }),
    ).createApiKey;
    sync = { headers: { authorization: `Bearer ${key.secret!}` }, as: null };
    const create = async (householdId: string, name: string, idNumber: string) => {
      const created = ok(
        await app.request(CreatePersonWithNumbersDocument, { input: { householdId, name, idNumber } }, { as: 'admin.yongkangbeilu' }),
      ).createPerson;
      expect(created.userErrors).toEqual([]);
      return created.person!.id;
    };
    xinyuanPerson = await create(await householdOf(`cp.name = '${DEMO.xinyuan}'`), '馨园号码居民', IN_XINYUAN);
    otherCompoundPerson = await create(await householdOf(`cp.name <> '${DEMO.xinyuan}'`), '他小区号码居民', ELSEWHERE);
  });
  afterAll(() => app.close());

  it('refuses those who read the person but not the number, whether the number is on record or not', async () => {
    for (const as of ['finance.xinyuan', 'committee.xinyuan', 'owner.xinyuan', 'resident.xinyuan', 'member.xinyuan']) {
      for (const idNumber of [IN_XINYUAN, NOWHERE]) {
        const res = await app.request(PersonByIdNumberDocument, { idNumber }, { as });
        expect({ as, idNumber, codes: codes(res), data: res.data?.personByIdNumber ?? null }).toEqual({
          as,
          idNumber,
          codes: ['FORBIDDEN'],
          data: null,
        });
      }
    }
    // Officers above communities read no residents at all.
    expect(codes(await app.request(PersonByIdNumberDocument, { idNumber: IN_XINYUAN }, { as: 'district.xiaodian' }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('answers those with a duty of care in plain, within it, and the register without the number', async () => {
    expect(
      ok(await app.request(PersonByIdNumberDocument, { idNumber: IN_XINYUAN }, { as: 'admin.yongkangbeilu' })).personByIdNumber,
    ).toEqual({ id: xinyuanPerson, name: '馨园号码居民', phone: null, idNumber: IN_XINYUAN });
    expect(
      ok(await app.request(PersonByIdNumberDocument, { idNumber: ELSEWHERE }, { as: 'admin.yongkangbeilu' })).personByIdNumber,
    ).toMatchObject({ id: otherCompoundPerson, idNumber: ELSEWHERE });
    // The grid worker's duty of care is their compound: a number on record in another compound of
    // the community is not found, exactly like one on record nowhere.
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: IN_XINYUAN }, { as: 'grid.xinyuan' })).personByIdNumber).toEqual({
      id: xinyuanPerson,
      name: '馨园号码居民',
      phone: null,
      idNumber: IN_XINYUAN,
    });
    const outside = await app.request(PersonByIdNumberDocument, { idNumber: ELSEWHERE }, { as: 'grid.xinyuan' });
    const nowhere = await app.request(PersonByIdNumberDocument, { idNumber: NOWHERE }, { as: 'grid.xinyuan' });
    expect(outside.errors).toBeUndefined();
    expect(outside.data).toEqual(nowhere.data);
    expect(outside.data).toEqual({ personByIdNumber: null });
    // The register's account matches by the numbers it supplies, and never reads one back.
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: IN_XINYUAN }, sync)).personByIdNumber).toEqual({
      id: xinyuanPerson,
      name: '馨园号码居民',
      phone: null,
      idNumber: null,
    });
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: NOWHERE }, sync)).personByIdNumber).toBeNull();
    // Another community's admin: not found.
    expect(ok(await app.request(PersonByIdNumberDocument, { idNumber: IN_XINYUAN }, { as: 'admin.zhenxing' })).personByIdNumber).toBeNull();
  });

  it('charges every lookup a page of the budget: hits, misses and refusals alike', async () => {
    const guesses = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `g${i}: personByIdNumber(idNumber: "14010519900101${String(i).padStart(4, '0')}") { name }`).join(' ')} }`;
    const misses = (await app.request(guesses(10), {}, { as: 'admin.yongkangbeilu' })) as Costed;
    expect(misses.errors).toBeUndefined();
    expect(Object.values(misses.data as Record<string, unknown>)).toEqual(Array(10).fill(null));
    expect(misses.extensions?.cost).toMatchObject({ requestedQueryCost: 10 * 101, actualQueryCost: 10 * 100 });

    const hit = (await app.request(`{ personByIdNumber(idNumber: "${IN_XINYUAN}") { name } }`, {}, { as: 'grid.xinyuan' })) as Costed;
    expect(hit.extensions?.cost?.actualQueryCost).toBe(101);

    const refused = (await app.request(guesses(3), {}, { as: 'finance.xinyuan' })) as Costed;
    expect(codes(refused)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(refused.extensions?.cost?.actualQueryCost).toBe(300);
  });
});

import { CreateUserDocument, GrantRoleDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, pkOf, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * Whom a role may be granted to, and who can be found by ID: a principal outside the granter's
 * reach — an officer's or the platform's account, a user holding roles elsewhere — is another
 * tenant's, and its ID behaves exactly like one that names nobody (grantRole: NOT_FOUND with the
 * same message; node(id:): null). A household's RESIDENT is someone who lives there.
 */

/** What a caller learns from the errors of an answer (the request id aside). */
function seen(res: GraphQLResponse<unknown>) {
  return {
    data: res.data ?? null,
    errors: (res.errors ?? []).map(({ message, path, extensions: { code, field, argument } }) => ({
      message,
      path,
      code,
      field,
      argument,
    })),
  };
}

const NODE = 'query ($id: ID!) { node(id: $id) { id ... on User { login } } }';
const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { login } } }';

describe('the reach of grants and of users found by ID', () => {
  let app: TestApp;
  const users: Record<string, string> = {};
  let zhenxingHousehold: string;
  let otherZhenxingHousehold: string;
  let zhenxingPersonId: number;

  beforeAll(async () => {
    app = await startTestApp();
    for (const r of await sql<{ id: number; login: string }>(app.database, 'select id, login from user_account'))
      users[r.login] = gid('User', r.id);
    const [person] = await sql<{ id: number; household_id: number }>(
      app.database,
      `select p.id, p.household_id from person p join community c on c.id = p.community_id
        where c.name = $1 and p.household_id is not null and not exists (select 1 from user_account u where u.person_id = p.id)
        order by p.id limit 1`,
      [DEMO.zhenxing],
    );
    zhenxingPersonId = person.id;
    zhenxingHousehold = gid('Household', person.household_id);
    const [other] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h where h.community_id = (select community_id from household where id = $1) and h.id <> $1 order by h.id limit 1',
      [person.household_id],
    );
    otherZhenxingHousehold = gid('Household', other.id);
  });
  afterAll(() => app.close());

  it('refuses a community admin granting to officers’ and platform accounts exactly as to a user that does not exist', async () => {
    const before = await fingerprint(app.database);
    const missing = await app.request(
      GrantRoleDocument,
      { input: { userId: gid('User', 987654), role: 'RESIDENT' as never, scopeId: zhenxingHousehold } },
      { as: 'admin.zhenxing' },
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    for (const login of ['district.xiaodian', 'district.gaoxin', 'street.xiaodian', 'platform.admin', 'admin.yongkangbeilu']) {
      const res = await app.request(
        GrantRoleDocument,
        { input: { userId: users[login], role: 'RESIDENT' as never, scopeId: zhenxingHousehold } },
        { as: 'admin.zhenxing' },
      );
      expect({ login, ...seen(res) }).toEqual({ login, ...seen(missing) });
    }
    expect(await fingerprint(app.database)).toEqual(before);
    // The district officer still reads no resident of 振兴.
    expect(
      ok(await app.request<{ node: unknown }, { id: string }>(NODE, { id: zhenxingHousehold }, { as: 'district.xiaodian' })).node,
    ).toBeNull();
  });

  it('refuses an officer granting to another district’s officer as to nobody, and still lets it appoint within its district', async () => {
    const street = await sql<{ id: number }>(app.database, "select id from street where name = '小店街道'");
    const scopeId = gid('Street', street[0].id);
    const missing = await app.request(
      GrantRoleDocument,
      { input: { userId: gid('User', 987654), role: 'STREET_OFFICER' as never, scopeId } },
      { as: 'district.xiaodian' },
    );
    const other = await app.request(
      GrantRoleDocument,
      { input: { userId: users['district.gaoxin'], role: 'STREET_OFFICER' as never, scopeId } },
      { as: 'district.xiaodian' },
    );
    expect(codes(other)).toEqual(['NOT_FOUND']);
    expect(seen(other)).toEqual(seen(missing));

    const fresh = ok(
      await app.request(CreateUserDocument, {
        input: { login: 'street3.xiaodian', displayName: '街道干部', password: 'a-long-enough-password' },
      }),
    ).createUser.user!.id;
    const granted = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId: fresh, role: 'STREET_OFFICER' as never, scopeId } },
        { as: 'district.xiaodian' },
      ),
    ).grantRole;
    expect(granted.userErrors).toEqual([]);
    expect(granted.roleBinding).toMatchObject({ role: 'STREET_OFFICER', scope: { id: scopeId } });
  });

  it('lets a community admin grant roles to its own community’s users; RESIDENT only where their person lives', async () => {
    const created = ok(
      await app.request(
        CreateUserDocument,
        {
          input: {
            login: 'neighbour.zhenxing',
            displayName: '振兴居民',
            personId: gid('Person', zhenxingPersonId),
            password: 'a-long-enough-password',
          },
        },
        { as: 'admin.zhenxing' },
      ),
    ).createUser;
    expect(created.userErrors).toEqual([]);
    const userId = created.user!.id;

    const elsewhere = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'RESIDENT' as never, scopeId: otherZhenxingHousehold } },
        { as: 'admin.zhenxing' },
      ),
    ).grantRole;
    expect(elsewhere).toMatchObject({ roleBinding: null, userErrors: [{ field: ['scopeId'], code: 'INVALID_SCOPE' }] });

    const home = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'RESIDENT' as never, scopeId: zhenxingHousehold } },
        { as: 'admin.zhenxing' },
      ),
    ).grantRole;
    expect(home.userErrors).toEqual([]);
    expect(home.roleBinding).toMatchObject({ role: 'RESIDENT', scope: { id: zhenxingHousehold }, user: { login: 'neighbour.zhenxing' } });
    // The user may now hold a second role in the same community: already within the admin's reach.
    const [compound] = await sql<{ id: number }>(app.database, 'select compound_id as id from household where id = $1', [
      pkOf(zhenxingHousehold),
    ]);
    const grid = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'GRID_WORKER' as never, scopeId: gid('Compound', compound.id) } },
        { as: 'admin.zhenxing' },
      ),
    ).grantRole;
    expect(grid.userErrors).toEqual([]);
    expect(grid.roleBinding).toMatchObject({ role: 'GRID_WORKER' });
  });

  it('answers a platform account asked for by ID outside the platform as null, like an ID of nobody', async () => {
    for (const login of ['platform.admin', 'district.xiaodian', 'district.gaoxin', 'street.xiaodian']) {
      const res = await app.request(NODE, { id: users[login] }, { as: 'admin.zhenxing' });
      expect({ login, ...seen(res) }).toEqual({ login, data: { node: null }, errors: [] });
    }
    expect(seen(await app.request(NODE, { id: gid('User', 987654) }, { as: 'admin.zhenxing' }))).toEqual({
      data: { node: null },
      errors: [],
    });
    // One of them among others does not spoil the answer.
    const both = await app.request(NODES, { ids: [users['admin.zhenxing'], users['district.xiaodian']] }, { as: 'admin.zhenxing' });
    expect(seen(both)).toEqual({ data: { nodes: [{ id: users['admin.zhenxing'], login: 'admin.zhenxing' }, null] }, errors: [] });
    // Another district's officer is beyond an officer's reach too.
    expect(
      ok(await app.request<{ node: unknown }, { id: string }>(NODE, { id: users['district.gaoxin'] }, { as: 'district.xiaodian' })).node,
    ).toBeNull();
    // The platform still finds them; a community admin still finds its own community's users.
    expect(ok(await app.request<{ node: unknown }, { id: string }>(NODE, { id: users['district.xiaodian'] })).node).toEqual({
      id: users['district.xiaodian'],
      login: 'district.xiaodian',
    });
    expect(
      ok(await app.request<{ node: unknown }, { id: string }>(NODE, { id: users['resident.zhenxing'] }, { as: 'admin.zhenxing' })).node,
    ).toEqual({
      id: users['resident.zhenxing'],
      login: 'resident.zhenxing',
    });
    // …and a user of its community it may not manage is refused as before: within a community, objects are known to exist.
    expect(codes(await app.request(NODE, { id: users['admin.zhenxing'] }, { as: 'resident.zhenxing' }))).toEqual(['FORBIDDEN']);
  });
});

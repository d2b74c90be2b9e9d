import {
  BindServiceAccountSystemDocument,
  BranchHoldersDocument,
  CreateApiKeyDocument,
  CreateHouseholdDocument,
  CreateServiceAccountDocument,
  GrantedByDocument,
  GrantRoleDocument,
  OfficeHoldersDocument,
  SetExternalIdDocument,
  UpdateHouseholdDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Duty of care for office holders' records. A branch secretary, a group leader, a community
 * secretary are residents too: their gender, birth year, party membership and home (building, unit,
 * floor) are theirs, read only by those with a duty of care for their household. The community sees
 * their public face (亮身份、亮职责、亮承诺): name, post, and the duties and pledge of their plate.
 * And a value one may not read cannot be probed by writing it: uniqueness would answer TAKEN.
 */

describe('office holders and the values one may not read', () => {
  let app: TestApp;
  let branch: string;
  let residentHome: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [b] = await sql<{ id: number }>(app.database, "select id from compound_branch where name = '馨园小区党支部'");
    branch = gid('CompoundBranch', b.id);
    const [h] = await sql<{ id: number }>(
      app.database,
      "select p.household_id as id from user_account u join person p on p.id = u.person_id where u.login = 'resident.xinyuan'",
    );
    residentHome = gid('Household', h.id);
  });
  afterAll(() => app.close());

  const fieldsRefused = (res: { errors?: Array<{ path?: Array<string | number>; extensions: { code: string } }> }) =>
    (res.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions.code}`).sort();

  type Holders = {
    node: {
      buildingGroup: {
        leader: unknown;
        leaderProfile: { name: string; post: string } | null;
        branch: {
          secretary: unknown;
          secretaryProfile: { name: string; post: string } | null;
          committee: { secretary: unknown; secretaryProfile: { name: string; post: string } | null };
        };
      };
    };
  };

  it('shows a resident the public face of their secretaries and leader, never their records', async () => {
    const res = await app.request(OfficeHoldersDocument, { household: residentHome }, { as: 'resident.xinyuan' });
    expect(fieldsRefused(res)).toEqual([
      'node.buildingGroup.branch.committee.secretary:FORBIDDEN',
      'node.buildingGroup.branch.secretary:FORBIDDEN',
      'node.buildingGroup.leader:FORBIDDEN',
    ]);
    const group = (res.data as unknown as Holders).node.buildingGroup;
    expect(group.leader).toBeNull();
    expect(group.leaderProfile).toMatchObject({ name: expect.any(String), post: '馨园第1党小组组长' });
    expect(group.branch.secretary).toBeNull();
    expect(group.branch.secretaryProfile).toMatchObject({ name: expect.any(String), post: '馨园小区党支部书记' });
    expect(group.branch.committee.secretaryProfile?.post).toMatch(/书记$/);
    // Nothing of their record leaks through the face.
    const text = JSON.stringify(res.data);
    for (const word of ['gender', 'birthYear', 'doorNo', 'FEMALE', 'MALE']) expect(text).not.toContain(word);
  });

  it('shows the record to those with a duty of care for the holder: the community admin; the secretary their own, and their group leaders’', async () => {
    const admin = ok(
      await app.request(OfficeHoldersDocument, { household: residentHome }, { as: 'admin.yongkangbeilu' }),
    ) as unknown as Holders;
    expect(admin.node.buildingGroup.branch.secretary).toMatchObject({
      name: expect.any(String),
      gender: expect.any(String),
      household: expect.anything(),
    });
    const secretary = await app.request(BranchHoldersDocument, { branch }, { as: 'secretary.xinyuan' });
    expect(secretary.errors).toBeUndefined();
    const data = secretary.data as unknown as { node: { secretary: unknown; buildingGroups: { nodes: Array<{ leader: unknown }> } } };
    expect(data.node.secretary).toMatchObject({ name: expect.any(String) });
    expect(data.node.buildingGroups.nodes.filter((g) => g.leader).length).toBeGreaterThan(0);
  });

  it('shows district officers the organization without any holder’s name', async () => {
    const res = await app.request(BranchHoldersDocument, { branch }, { as: 'district.xiaodian' });
    const refused = fieldsRefused(res);
    expect(refused).toContain('node.secretaryProfile:FORBIDDEN');
    expect(refused).toContain('node.secretary:FORBIDDEN');
    expect(refused.every((r) => /(secretary|secretaryProfile|leader|leaderProfile):FORBIDDEN$/.test(r))).toBe(true);
    const data = res.data as unknown as {
      node: { name: string; secretary: unknown; buildingGroups: { nodes: Array<{ name: string; leader: unknown }> } };
    };
    expect(data.node.name).toBe('馨园小区党支部');
    expect(data.node.secretary).toBeNull();
    expect(data.node.buildingGroups.nodes.every((g) => g.leader === null)).toBe(true);
  });

  /** Where in an answer a `person` with this ID sits, as GraphQL error paths spell it. */
  function personPaths(value: unknown, id: string, at: string[] = [], out: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v, i) => personPaths(v, id, [...at, String(i)], out));
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) {
        if (key === 'person' && (v as { id?: string } | null)?.id === id) out.push([...at, key].join('.'));
        personPaths(v, id, [...at, key], out);
      }
    return out;
  }

  it('shows residents the announced names of committee members and candidates, never the persons behind them (but their own)', async () => {
    const [{ person_id: own, household_id: home }] = await sql<{ person_id: number; household_id: number }>(
      app.database,
      "select p.id as person_id, p.household_id from user_account u join person p on p.id = u.person_id where u.login = 'resident.zhenxing'",
    );
    // The resident's compound (都市花园) has a sitting committee and a confirmed election, the resident among them.
    const lists = ok(
      await app.request(
        `query($id: ID!) { node(id: $id) { ... on Household { compound {
          propertyCommittee { members { id name } } committeeElections { candidates { id name } } } } } }`,
        { id: gid('Household', home) },
        { as: 'resident.zhenxing' },
      ),
    ) as unknown as {
      node: {
        compound: {
          propertyCommittee: { members: Array<{ id: string; name: string }> };
          committeeElections: Array<{ candidates: Array<{ id: string; name: string }> }>;
        };
      };
    };
    // The lists as announced: names, for the compound's residents.
    const { compound } = lists.node;
    const holders = [...compound.propertyCommittee.members, ...compound.committeeElections.flatMap((e) => e.candidates)];
    expect(holders.length).toBeGreaterThan(5);
    for (const holder of holders) expect(holder.name).toEqual(expect.any(String));
    // The persons behind them: refused to the resident at each entry's `person` (never at the list), except their own entry.
    const person = '{ id gender birthYear isPartyMember household { id } }';
    const ownId = gid('Person', own);
    for (const [list, entries] of [
      ['propertyCommittee { members', compound.propertyCommittee.members],
      ['committeeElections { candidates', compound.committeeElections.flatMap((e) => e.candidates)],
    ] as const) {
      const query = `query($id: ID!) { node(id: $id) { ... on Household { compound { ${list} { id person ${person} } } } } } }`;
      // The admin, with the duty of care for their households, reads every one.
      const asAdmin = ok(await app.request(query, { id: gid('Household', home) }, { as: 'admin.zhenxing' }));
      const ownAt = personPaths(asAdmin, ownId);
      expect(ownAt).toHaveLength(1);
      expect(entries.length).toBeGreaterThan(2);
      const asResident = await app.request(query, { id: gid('Household', home) }, { as: 'resident.zhenxing' });
      expect(asResident.errors?.length).toBeGreaterThan(0);
      for (const error of asResident.errors!) {
        expect(error.extensions.code).toBe('FORBIDDEN');
        const at = error.path!.join('.');
        expect(at).toMatch(/^node\.compound\.(propertyCommittee\.members|committeeElections\.\d+\.candidates)\.\d+\.person$/);
        expect(at).not.toBe(ownAt[0]); // their own entry is theirs to read
      }
    }
  });

  it('shows who granted a role, but not that person’s record', async () => {
    // The admin grants resident.xinyuan a member role: the grantee sees the granter's login, not their person.
    const [admin] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'admin.yongkangbeilu'");
    await sql(
      app.database,
      "update role_binding set granted_by_id = $1 where user_id = (select id from user_account where login = 'resident.xinyuan')",
      [admin.id],
    );
    const res = await app.request(GrantedByDocument, {}, { as: 'resident.xinyuan' });
    expect(fieldsRefused(res)).toEqual(['viewer.bindings.0.grantedBy.person:FORBIDDEN']);
    expect((res.data as { viewer: { bindings: Array<{ grantedBy: { login: string } }> } }).viewer.bindings[0].grantedBy.login).toBe(
      'admin.yongkangbeilu',
    );
  });

  // Door numbers are unique per unit: whoever may write one is told TAKEN, so whoever may write one
  // reads it plain (the register's service account supplies them), and nobody else learns one.
  const SYSTEM = 'taiyuan-population';
  const UPSERT_HOUSEHOLDS = `mutation($input: UpsertHouseholdsInput!) {
    upsertHouseholds(input: $input) { results { status } userErrors { field code } } }`;
  const DOOR = 'query($id: ID!) { node(id: $id) { ... on Household { doorNo } } }';
  const keyOf = async (serviceAccountId: string, admin: string) => {
    const { secret } = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } }, { as: admin })).createApiKey;
    return { as: null, headers: { authorization: `Bearer ${secret!}` } };
  };
  /** A household of 馨园 (永康北路社区), its unit (with an external ID of the system) and its community. */
  const xinyuanHousehold = async () => {
    const [h] = await sql<{ id: number; unit: number; door: string; community: number }>(
      app.database,
      "select h.id, h.unit_id as unit, h.door_no as door, h.community_id as community from household h join compound c on c.id = h.compound_id where c.name = '馨园' order by h.id limit 1 offset 1",
    );
    ok(
      await app.request(
        SetExternalIdDocument,
        { input: { nodeId: gid('Unit', h.unit), system: SYSTEM, id: `U-${h.unit}` } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    return h;
  };
  /** Every way of writing `door` next to the household's: what each answers (codes, or the payload's user errors). */
  const attempts = async (h: { id: number; unit: number; community: number }, door: string, as: object) => {
    const answer = (res: { errors?: unknown[]; data?: unknown }) => (res.errors ? codes(res as never) : res.data);
    return [
      answer(await app.request(CreateHouseholdDocument, { input: { unitId: gid('Unit', h.unit), doorNo: door } }, as)),
      answer(await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', h.id), doorNo: door } }, as)),
      answer(
        await app.request(
          UPSERT_HOUSEHOLDS,
          {
            input: {
              communityId: gid('Community', h.community),
              system: SYSTEM,
              items: [{ externalId: `PROBE-${door}`, unitExternalId: `U-${h.unit}`, doorNo: door }],
            },
          },
          as,
        ),
      ),
    ];
  };

  it('shows door numbers plain to the service account that may write them, and tells it TAKEN as it tells the grid worker', async () => {
    const h = await xinyuanHousehold();
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const asSync = await keyOf(gid('ServiceAccount', sync.id), 'admin.yongkangbeilu');
    ok(
      await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id), system: SYSTEM } }),
    );
    const door = ok(await app.request<{ node: { doorNo: string } }, { id: string }>(DOOR, { id: gid('Household', h.id) }, asSync)).node;
    expect(door.doorNo).toBe(h.door);
    // It is told what it reads anyway, on each path; a free number is written.
    const created = ok(
      await app.request(CreateHouseholdDocument, { input: { unitId: gid('Unit', h.unit), doorNo: h.door } }, asSync),
    ).createHousehold;
    expect(created.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    const upsert = async (doorNo: string) =>
      ok(
        await app.request<
          { upsertHouseholds: { results: Array<{ status: string }>; userErrors: Array<{ code: string }> } },
          Record<string, unknown>
        >(
          UPSERT_HOUSEHOLDS,
          {
            input: {
              communityId: gid('Community', h.community),
              system: SYSTEM,
              items: [{ externalId: `SYNC-${doorNo}`, unitExternalId: `U-${h.unit}`, doorNo }],
            },
          },
          asSync,
        ),
      ).upsertHouseholds;
    expect((await upsert(h.door)).userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    expect((await upsert('9998')).results).toEqual([{ status: 'CREATED' }]);
    // The grid worker, who reads door numbers, is told the same.
    const grid = ok(
      await app.request(CreateHouseholdDocument, { input: { unitId: gid('Unit', h.unit), doorNo: h.door } }, { as: 'grid.xinyuan' }),
    ).createHousehold;
    expect(grid.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
  });

  it.each(['committee.xinyuan', 'finance.xinyuan', 'owner.xinyuan'])(
    'gives %s, who reads door numbers masked and may not write them, no difference between a taken and a free one on any path',
    async (login) => {
      const h = await xinyuanHousehold();
      const masked = ok(
        await app.request<{ node: { doorNo: string } }, { id: string }>(DOOR, { id: gid('Household', h.id) }, { as: login }),
      ).node;
      expect(masked.doorNo).toBe(h.door[0] + '*'.repeat(h.door.length - 1));
      const before = await fingerprint(app.database);
      const taken = await attempts(h, h.door, { as: login });
      expect(taken).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
      expect(await attempts(h, '9999', { as: login })).toEqual(taken);
      expect(await fingerprint(app.database)).toEqual(before);
    },
  );

  it('gives a service account of another community no door number here, read or probed, while it reads its own community’s', async () => {
    const h = await xinyuanHousehold();
    const [zhenxing] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
    const communityId = gid('Community', zhenxing.id);
    const account = ok(
      await app.request(CreateServiceAccountDocument, { input: { name: 'sync.zhenxing', communityId } }, { as: 'admin.zhenxing' }),
    ).createServiceAccount.serviceAccount!;
    ok(
      await app.request(
        GrantRoleDocument,
        { input: { serviceAccountId: account.id, role: 'INTEGRATION', scopeId: communityId } },
        { as: 'admin.zhenxing' },
      ),
    );
    ok(
      await app.request(
        BindServiceAccountSystemDocument,
        { input: { serviceAccountId: account.id, system: SYSTEM } },
        { as: 'admin.zhenxing' },
      ),
    );
    const asOther = await keyOf(account.id, 'admin.zhenxing');
    // Its own community's door numbers it reads plain.
    const [own] = await sql<{ id: number; door: string }>(
      app.database,
      'select id, door_no as door from household where community_id = $1 order by id limit 1',
      [zhenxing.id],
    );
    expect(
      ok(await app.request<{ node: { doorNo: string } }, { id: string }>(DOOR, { id: gid('Household', own.id) }, asOther)).node,
    ).toEqual({
      doorNo: own.door,
    });
    // Here: nothing at all (as a household that does not exist), whatever the number.
    expect(ok(await app.request<{ node: unknown }, { id: string }>(DOOR, { id: gid('Household', h.id) }, asOther)).node).toBeNull();
    const before = await fingerprint(app.database);
    const taken = await attempts(h, h.door, asOther);
    expect(taken).toEqual([['NOT_FOUND'], ['NOT_FOUND'], ['NOT_FOUND']]);
    expect(await attempts(h, '9999', asOther)).toEqual(taken);
    expect(await fingerprint(app.database)).toEqual(before);
  });
});

import {
  BranchHoldersDocument,
  CreateHouseholdDocument,
  GrantedByDocument,
  OfficeHoldersDocument,
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

  it('does not let a caller who reads door numbers masked learn them by writing: no door number without READ_PERSONAL_DATA', async () => {
    // The integration script writes places, and reads door numbers masked.
    const [h] = await sql<{ id: number; unit: number; door: string }>(
      app.database,
      "select h.id, h.unit_id as unit, h.door_no as door from household h join community c on c.id = h.community_id where c.name = '永康北路社区' order by h.id limit 1 offset 1",
    );
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const key = ok(
      await app.request(
        `mutation($id: ID!) { createApiKey(input: { serviceAccountId: $id }) { secret } }`,
        { id: gid('ServiceAccount', sync.id) },
        { as: 'admin.yongkangbeilu' },
      ),
    ) as {
      createApiKey: { secret: string };
    };
    const asSync = { as: null, headers: { authorization: `Bearer ${key.createApiKey.secret}` } };
    const before = await fingerprint(app.database);
    for (const guess of [h.door, '9999']) {
      expect(codes(await app.request(CreateHouseholdDocument, { input: { unitId: gid('Unit', h.unit), doorNo: guess } }, asSync))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', h.id), doorNo: guess } }, asSync))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(await fingerprint(app.database)).toEqual(before);
    // Other fields of the household it may still write; the grid worker, who reads door numbers, may write them.
    expect(
      ok(await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', h.id), areaSqm: 88.5 } }, asSync)).updateHousehold
        .userErrors,
    ).toEqual([]);
    const [x] = await sql<{ id: number }>(
      app.database,
      "select h.id from household h join compound c on c.id = h.compound_id where c.name = '馨园' order by h.id desc limit 1",
    );
    const taken = ok(
      await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', x.id), doorNo: '101' } }, { as: 'grid.xinyuan' }),
    ).updateHousehold;
    expect(taken.userErrors.every((e) => e.code === 'TAKEN') || taken.household !== null).toBe(true);
  });
});

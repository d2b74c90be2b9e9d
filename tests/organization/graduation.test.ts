import {
  AssignCompoundToBranchDocument,
  BottomUpWalkDocument,
  CommunityBranchesDocument,
  GraduateCompoundDocument,
  MoveBuildingDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName, pkByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('graduating a compound from its joint branch (成熟一个、独立一个) and reassigning compounds', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('moves the compound, its buildings, groups and local members to a new standalone branch, recorded with the date, at once', async () => {
    const compoundPk = await pkByName(app.database, 'compound', '昌盛西一巷3号院');
    const members = await sql<{ n: number }>(
      app.database,
      `select count(*)::int as n from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
        where h.compound_id = $1 and m.organization_relation = 'LOCAL' and m.ended_on is null`,
      [compoundPk],
    );
    expect(members[0].n).toBeGreaterThan(0);

    const res = ok(
      await app.request(GraduateCompoundDocument, {
        input: { compoundId: gid('Compound', compoundPk), branchName: '昌盛西一巷3号院党支部', graduatedOn: '2025-10-01' },
      }),
    );
    const { compound, branch, userErrors } = res.graduateCompound;
    expect(userErrors).toEqual([]);
    expect(branch).toMatchObject({
      name: '昌盛西一巷3号院党支部',
      kind: 'STANDALONE',
      establishedOn: '2025-10-01',
      compounds: { totalCount: 1 },
      buildingGroups: { totalCount: 1 },
    });
    expect(compound!.branch).toEqual({ id: branch!.id, name: '昌盛西一巷3号院党支部', kind: 'STANDALONE' });
    expect(compound!.branchHistory).toEqual([
      { since: '2021-04-01', until: '2025-10-01', reason: 'ASSIGNED', branch: { name: DEMO.jointChangsheng, kind: 'JOINT' } },
      { since: '2025-10-01', until: null, reason: 'GRADUATED', branch: { name: '昌盛西一巷3号院党支部', kind: 'STANDALONE' } },
    ]);
    expect(compound!.buildings.nodes.every((b) => b.buildingGroup!.branch.name === '昌盛西一巷3号院党支部')).toBe(true);

    const moved = await sql<{ n: number }>(
      app.database,
      `select count(*)::int as n from party_membership m join compound_branch b on b.id = m.branch_id where b.name = '昌盛西一巷3号院党支部' and m.ended_on is null`,
    );
    expect(moved[0].n).toBe(members[0].n);

    const joint = ok(
      await app.request(CommunityBranchesDocument, {
        id: await idByName(app.database, 'community', DEMO.yongkang, 'Community'),
        kind: 'JOINT',
      }),
    ).community!;
    const changsheng = joint.compoundBranches.nodes.find((b) => b.name === DEMO.jointChangsheng)!;
    expect(changsheng.compounds.totalCount).toBe(16);
    expect(changsheng.compoundHistory.filter((h) => h.compound.name === '昌盛西一巷3号院')).toEqual([
      { since: '2021-04-01', until: '2025-10-01', reason: 'ASSIGNED', compound: { name: '昌盛西一巷3号院' } },
    ]);

    const [household] = await sql<{ id: number }>(app.database, 'select id from household where compound_id = $1 limit 1', [compoundPk]);
    const up = ok(await app.request(BottomUpWalkDocument, { id: gid('Household', household.id) })).node!;
    if (!('buildingGroup' in up)) throw new Error('expected a household');
    expect(up.buildingGroup!.branch).toMatchObject({ name: '昌盛西一巷3号院党支部', kind: 'STANDALONE' });
  });

  it('refuses a compound that is not in a joint branch, a taken name and a date before its current branch, changing nothing', async () => {
    const before = await fingerprint(app.database);
    const standalone = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
    const notJoint = ok(
      await app.request(GraduateCompoundDocument, { input: { compoundId: standalone, branchName: '新支部' } }),
    ).graduateCompound;
    expect(notJoint.userErrors.map((e) => [e.field, e.code])).toEqual([[['compoundId'], 'NOT_IN_JOINT_BRANCH']]);
    expect(notJoint.branch).toBeNull();

    const small = await idByName(app.database, 'compound', '昌盛西一巷5号院', 'Compound');
    const taken = ok(
      await app.request(GraduateCompoundDocument, { input: { compoundId: small, branchName: DEMO.xinyuanBranch } }),
    ).graduateCompound;
    expect(taken.userErrors.map((e) => [e.field, e.code])).toEqual([[['branchName'], 'TAKEN']]);
    const early = ok(
      await app.request(GraduateCompoundDocument, {
        input: { compoundId: small, branchName: '昌盛西一巷5号院党支部', graduatedOn: '2020-01-01' },
      }),
    ).graduateCompound;
    expect(early.userErrors.map((e) => [e.field, e.code])).toEqual([[['graduatedOn'], 'DATE_ORDER']]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('refuses to split a building group that also covers another compound', async () => {
    const a = await pkByName(app.database, 'compound', '昌盛西一巷7号院');
    const b = await pkByName(app.database, 'compound', '昌盛西一巷8号院');
    const [groupOfA] = await sql<{ id: number }>(app.database, 'select group_id as id from building where compound_id = $1 limit 1', [a]);
    const [buildingOfB] = await sql<{ id: number }>(app.database, 'select id from building where compound_id = $1 limit 1', [b]);
    const shared = ok(
      await app.request(MoveBuildingDocument, {
        input: { buildingId: gid('Building', buildingOfB.id), buildingGroupId: gid('BuildingGroup', groupOfA.id) },
      }),
    );
    expect(shared.moveBuilding.userErrors).toEqual([]);

    const before = await fingerprint(app.database);
    const res = ok(
      await app.request(GraduateCompoundDocument, { input: { compoundId: gid('Compound', a), branchName: '昌盛西一巷7号院党支部' } }),
    ).graduateCompound;
    expect(res.userErrors.map((e) => e.code)).toEqual(['GROUP_SPANS_COMPOUNDS']);
    expect(res.userErrors[0].message).toContain('党小组');
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('reassigns a compound to another branch of its community with its history, and refuses a branch of another community', async () => {
    const compound = await idByName(app.database, 'compound', '永康北路2号院', 'Compound');
    const changsheng = await idByName(app.database, 'compound_branch', DEMO.jointChangsheng, 'CompoundBranch');
    const res = ok(
      await app.request(AssignCompoundToBranchDocument, { input: { compoundId: compound, branchId: changsheng, since: '2025-11-01' } }),
    ).assignCompoundToBranch;
    expect(res.userErrors).toEqual([]);
    expect(res.compound!.branch!.name).toBe(DEMO.jointChangsheng);
    expect(res.compound!.branchHistory.map((h) => [h.branch.name, h.since, h.until, h.reason])).toEqual([
      [DEMO.jointYongkang, '2021-04-01', '2025-11-01', 'ASSIGNED'],
      [DEMO.jointChangsheng, '2025-11-01', null, 'REASSIGNED'],
    ]);

    const foreign = await idByName(app.database, 'compound_branch', '庭院第二党支部', 'CompoundBranch');
    const refused = ok(
      await app.request(AssignCompoundToBranchDocument, { input: { compoundId: compound, branchId: foreign } }),
    ).assignCompoundToBranch;
    expect(refused.userErrors.map((e) => [e.field, e.code])).toEqual([[['branchId'], 'MISMATCH']]);
    const uncovered = ok(
      await app.request(AssignCompoundToBranchDocument, { input: { compoundId: compound, branchId: null } }),
    ).assignCompoundToBranch;
    expect(uncovered.userErrors.map((e) => e.code)).toEqual(['MISMATCH']); // its buildings are in building groups
  });
});

import {
  BottomUpWalkDocument,
  CreateBuildingDocument,
  CreateCompoundDocument,
  CreateHouseholdDocument,
  CreatePersonDocument,
  CreateUnitDocument,
  MoveBuildingDocument,
  UpdateBuildingDocument,
  UpdateCompoundDocument,
  UpdateHouseholdDocument,
  UpdatePersonDocument,
  UpdateUnitDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('changing the places: compounds, buildings, units, households, persons', () => {
  let app: TestApp;
  let yongkang: string;
  beforeAll(async () => {
    app = await startTestApp();
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
  });
  afterAll(() => app.close());

  it('creates a compound under a branch (recorded in its branch history) down to a person', async () => {
    const branchId = await idByName(app.database, 'compound_branch', DEMO.jointChangsheng, 'CompoundBranch');
    const compound = ok(
      await app.request(CreateCompoundDocument, {
        input: {
          communityId: yongkang,
          name: '昌盛西一巷18号院',
          propertyMode: 'NONE',
          builtYear: 1984,
          branchId,
          branchSince: '2025-09-01',
        },
      }),
    ).createCompound;
    expect(compound.userErrors).toEqual([]);
    expect(compound.compound).toMatchObject({
      name: '昌盛西一巷18号院',
      builtYear: 1984,
      householdCount: 0,
      branch: { name: DEMO.jointChangsheng },
      branchHistory: [{ since: '2025-09-01', reason: 'ASSIGNED' }],
    });
    const [group] = await sql<{ id: number }>(
      app.database,
      `select g.id from building_group g join compound_branch b on b.id = g.branch_id where b.name = $1 order by g.id limit 1`,
      [DEMO.jointChangsheng],
    );
    const building = ok(
      await app.request(CreateBuildingDocument, {
        input: { compoundId: compound.compound!.id, name: '1号楼', floors: 5, buildingGroupId: gid('BuildingGroup', group.id) },
      }),
    ).createBuilding;
    expect(building.userErrors).toEqual([]);
    const unit = ok(await app.request(CreateUnitDocument, { input: { buildingId: building.building!.id, name: '1单元' } })).createUnit;
    const household = ok(
      await app.request(CreateHouseholdDocument, { input: { unitId: unit.unit!.id, doorNo: '101', areaSqm: 56.5 } }),
    ).createHousehold;
    expect(household.household).toMatchObject({
      doorNo: '101',
      areaSqm: 56.5,
      building: { name: '1号楼' },
      compound: { name: '昌盛西一巷18号院' },
    });
    const person = ok(
      await app.request(CreatePersonDocument, {
        input: { householdId: household.household!.id, name: '韩桂兰', gender: 'FEMALE', birthYear: 1951 },
      }),
    ).createPerson;
    expect(person.person).toMatchObject({ name: '韩桂兰', household: { doorNo: '101' }, community: { name: DEMO.yongkang } });

    const up = ok(await app.request(BottomUpWalkDocument, { id: household.household!.id })).node!;
    if (!('buildingGroup' in up)) throw new Error('expected a household');
    expect(up.buildingGroup!.branch.name).toBe(DEMO.jointChangsheng);
  });

  it('refuses a building in a group of a branch that does not cover its compound', async () => {
    const compoundId = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
    const [foreignGroup] = await sql<{ id: number }>(
      app.database,
      `select g.id from building_group g join compound_branch b on b.id = g.branch_id where b.name = $1 limit 1`,
      [DEMO.jointYongkang],
    );
    const before = await fingerprint(app.database);
    const res = ok(
      await app.request(CreateBuildingDocument, {
        input: { compoundId, name: '99号楼', buildingGroupId: gid('BuildingGroup', foreignGroup.id) },
      }),
    ).createBuilding;
    expect(res.userErrors.map((e) => [e.field, e.code])).toEqual([[['buildingGroupId'], 'MISMATCH']]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('moves a building to another group of the same branch; its households follow, within the transaction', async () => {
    const rows = await sql<{ building: number; group: number }>(
      app.database,
      `select b.id as building, g.id as "group" from building b join compound cp on cp.id = b.compound_id
         join building_group g on g.branch_id = cp.branch_id and g.id <> b.group_id
        where cp.name = $1 order by b.id limit 1`,
      [DEMO.yifen],
    );
    const { building, group } = rows[0];
    const moved = ok(
      await app.request(MoveBuildingDocument, {
        input: { buildingId: gid('Building', building), buildingGroupId: gid('BuildingGroup', group) },
      }),
    ).moveBuilding;
    expect(moved.userErrors).toEqual([]);
    expect(moved.building!.buildingGroup!.id).toBe(gid('BuildingGroup', group));
    expect(moved.building!.households.nodes[0].buildingGroup!.id).toBe(gid('BuildingGroup', group));
    const paths = await sql<{ ok: boolean }>(
      app.database,
      `select bool_and(p.org_path = g.path) as ok from person p join household h on h.id = p.household_id join building_group g on g.id = $2 where h.building_id = $1`,
      [building, group],
    );
    expect(paths[0].ok).toBe(true);

    const out = ok(
      await app.request(MoveBuildingDocument, { input: { buildingId: gid('Building', building), buildingGroupId: null } }),
    ).moveBuilding;
    expect(out.building!.buildingGroup).toBeNull();
  });

  it('refuses moving a building into another branch’s group and changes nothing', async () => {
    const [row] = await sql<{ building: number }>(
      app.database,
      `select b.id as building from building b join compound cp on cp.id = b.compound_id where cp.name = $1 limit 1`,
      [DEMO.xinyuan],
    );
    const [foreign] = await sql<{ id: number }>(
      app.database,
      `select g.id from building_group g join compound_branch b on b.id = g.branch_id where b.name = $1 limit 1`,
      [DEMO.yifen + '小区党支部'],
    );
    const before = await fingerprint(app.database);
    const res = ok(
      await app.request(MoveBuildingDocument, {
        input: { buildingId: gid('Building', row.building), buildingGroupId: gid('BuildingGroup', foreign.id) },
      }),
    ).moveBuilding;
    expect(res.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('updates and corrects places; a household moved to another unit takes that unit’s building', async () => {
    const compoundId = await idByName(app.database, 'compound', '文源小区', 'Compound');
    const updated = ok(
      await app.request(UpdateCompoundDocument, { input: { id: compoundId, propertyMode: 'RED_PROPERTY', builtYear: null } }),
    ).updateCompound;
    expect(updated.compound).toMatchObject({ name: '文源小区', propertyMode: 'RED_PROPERTY', builtYear: null });

    const units = await sql<{ unit: number; building: number; household: number }>(
      app.database,
      `select u.id as unit, u.building_id as building, (select min(h.id) from household h where h.compound_id = b.compound_id and h.building_id <> b.id) as household
         from unit u join building b on b.id = u.building_id join compound cp on cp.id = b.compound_id where cp.name = '文源小区' order by u.id limit 1`,
    );
    const { unit, building, household } = units[0];
    const moved = ok(
      await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', household), unitId: gid('Unit', unit), doorNo: '9901' } }),
    ).updateHousehold;
    expect(moved.userErrors).toEqual([]);
    expect(moved.household!.unit.id).toBe(gid('Unit', unit));
    const [stored] = await sql<{ building_id: number }>(app.database, 'select building_id from household where id = $1', [household]);
    expect(stored.building_id).toBe(building);

    expect(
      ok(
        await app.request(UpdateBuildingDocument, { input: { id: gid('Building', building), floors: 300 } }),
      ).updateBuilding.userErrors.map((e) => e.code),
    ).toEqual(['OUT_OF_RANGE']);
    expect(ok(await app.request(UpdateUnitDocument, { input: { id: gid('Unit', unit), name: '东单元' } })).updateUnit.unit!.name).toBe(
      '东单元',
    );
  });

  it('keeps door numbers unique within a unit, and persons within their community', async () => {
    const [h] = await sql<{ id: number; unit: number; door: string }>(
      app.database,
      `select id, unit_id as unit, door_no as door from household order by id limit 1`,
    );
    const dup = ok(await app.request(CreateHouseholdDocument, { input: { unitId: gid('Unit', h.unit), doorNo: h.door } })).createHousehold;
    expect(dup.userErrors).toEqual([
      { field: ['doorNo'], code: 'TAKEN', message: 'A household with this door number already exists in this unit' },
    ]);

    // Neither a household nor a community: nothing to check the caller's rights against, so refused outright.
    expect(codes(await app.request(CreatePersonDocument, { input: { name: '无户之人' } }))).toEqual(['BAD_USER_INPUT']);
    const onRecord = ok(await app.request(CreatePersonDocument, { input: { communityId: yongkang, name: '网格员小周' } })).createPerson;
    expect(onRecord.person).toMatchObject({ name: '网格员小周', household: null, community: { name: DEMO.yongkang } });

    const [elsewhere] = await sql<{ id: number }>(
      app.database,
      `select h.id from household h join community c on c.id = h.community_id where c.name = $1 limit 1`,
      [DEMO.zhenxing],
    );
    const moved = ok(
      await app.request(UpdatePersonDocument, { input: { id: onRecord.person!.id, householdId: gid('Household', elsewhere.id) } }),
    ).updatePerson;
    expect(moved.userErrors.map((e) => [e.field, e.code])).toEqual([[['householdId'], 'MISMATCH']]);
    const home = ok(
      await app.request(UpdatePersonDocument, { input: { id: onRecord.person!.id, householdId: gid('Household', h.id), birthYear: 1990 } }),
    ).updatePerson;
    expect(home.person).toMatchObject({ birthYear: 1990, household: { id: gid('Household', h.id) } });
  });

  it('refuses a row pointing into another community even if it reaches the database (trigger backstop)', async () => {
    const [other] = await sql<{ id: number }>(app.database, `select id from community where name = $1`, [DEMO.zhenxing]);
    const [unit] = await sql<{ id: number }>(
      app.database,
      `select u.id from unit u join community c on c.id = u.community_id where c.name = $1 limit 1`,
      [DEMO.yongkang],
    );
    await expect(
      sql(app.database, `insert into household (community_id, unit_id, door_no) values ($1, $2, 'X1')`, [other.id, unit.id]),
    ).rejects.toThrow(/another community/);
  });
});

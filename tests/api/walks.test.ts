import { BottomUpWalkDocument, OrganizationWalkDocument, PlacesWalkDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('walking the organization and the places in one request', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('goes from the district down to member households: district → street → community → committee → branches → groups → member households', async () => {
    const data = ok(await app.request(OrganizationWalkDocument, { first: 10 }));
    const xiaodian = data.districts.nodes.find((d) => d.name === '小店区')!;
    expect(xiaodian.city).toBe('太原市');
    const community = xiaodian.streets.nodes.find((s) => s.name === '小店街道')!.communities.nodes.find((c) => c.name === DEMO.yongkang)!;
    const committee = community.committee!;
    expect(committee.name).toBe('永康北路社区党委');
    expect(committee.brandName).toBe('志愿星光、辉耀永康');
    expect(committee.secretary?.name).toEqual(expect.any(String));

    const branches = committee.branches.nodes;
    expect(
      branches
        .filter((b) => b.kind === 'JOINT')
        .map((b) => b.name)
        .sort(),
    ).toEqual([DEMO.jointChangsheng, DEMO.jointYongkang].sort());
    expect(branches.filter((b) => b.kind === 'STANDALONE')).toHaveLength(9);

    const dormitoryBranch = branches.find((b) => b.name === DEMO.dormitoryBranch)!;
    expect(dormitoryBranch.establishedOn).toBe('2022-07-01');
    const plates = dormitoryBranch.buildingGroups.nodes.flatMap((g) => g.memberHouseholds.nodes);
    expect(plates).toHaveLength(23);
    expect(plates.every((m) => m.active && m.displaysPlate && m.household.doorNo.length > 0)).toBe(true);
    expect(dormitoryBranch.buildingGroups.nodes[0].leader?.name).toEqual(expect.any(String));
  });

  it('goes from a community down to persons: community → compounds → buildings → units → households → persons', async () => {
    const id = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const data = ok(await app.request(PlacesWalkDocument, { id, compounds: 100, buildings: 3, units: 2, households: 5 }));
    const community = data.community!;
    expect(community.compounds.totalCount).toBe(63);
    const xinyuan = community.compounds.nodes.find((c) => c.name === DEMO.xinyuan)!;
    expect(xinyuan.propertyMode).toBe('NONE');
    expect(xinyuan.branch?.name).toBe(DEMO.xinyuanBranch);
    const household = xinyuan.buildings.nodes[0].units.nodes[0].households.nodes[0];
    expect(household.doorNo).toBe('101');
    expect(household.persons.nodes.length).toBeGreaterThan(0);
    expect(household.persons.nodes[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      gender: expect.stringMatching(/^(FEMALE|MALE)$/),
      birthYear: expect.any(Number),
      isPartyMember: expect.any(Boolean),
    });
  });

  it('goes from a household up to the district through its building group, branch and committee', async () => {
    const [row] = await sql<{ id: number }>(
      app.database,
      `select h.id from household h join compound cp on cp.id = h.compound_id where cp.name = $1 order by h.id limit 1`,
      [DEMO.dormitory],
    );
    const data = ok(await app.request(BottomUpWalkDocument, { id: gid('Household', row.id) }));
    const node = data.node!;
    if (!('buildingGroup' in node)) throw new Error('expected a household');
    expect(node.unit.building.compound.name).toBe(DEMO.dormitory);
    const branch = node.buildingGroup!.branch;
    expect(branch.name).toBe(DEMO.dormitoryBranch);
    expect(branch.kind).toBe('STANDALONE');
    expect(branch.committee.community).toEqual({
      name: DEMO.yongkang,
      street: { name: '小店街道', district: { name: '小店区', city: '太原市' } },
    });
  });
});

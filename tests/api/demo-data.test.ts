import {
  CommunitiesDocument,
  CommunityBranchesDocument,
  CommunityCompoundsDocument,
  CompoundBranchHistoryDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { ok, startTestApp, type TestApp } from '../support/test-app';

describe('the demo data tells the articles’ story', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('has every community the articles name, in its district', async () => {
    const data = ok(await app.request(CommunitiesDocument, { first: 100 }));
    const byName = new Map(data.communities.nodes.map((c) => [c.name, c.district.name]));
    expect(byName.get('永康北路社区')).toBe('小店区');
    expect(byName.get('振兴社区')).toBe('高新区');
    expect(byName.get('新竹社区')).toBe('绿园区');
    expect(byName.has('四通社区')).toBe(true);
    expect(byName.has('英俊社区')).toBe(true);
    const yongkang = data.communities.nodes.find((c) => c.name === DEMO.yongkang)!;
    expect(yongkang.areaKm2).toBe(4.2);
    expect(yongkang.registeredResidents).toBe(25000);
  });

  it('gives Yongkang North Road 63 compounds, 43 without property management', async () => {
    const id = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const all = ok(await app.request(CommunityCompoundsDocument, { id, first: 100 }));
    const none = ok(await app.request(CommunityCompoundsDocument, { id, propertyMode: 'NONE', first: 100 }));
    expect(all.community!.compounds.totalCount).toBe(63);
    expect(none.community!.compounds.totalCount).toBe(43);
  });

  it('has 8 compounds of 100+ households with a branch of their own, and 35 small ones brought up in 2 joint branches', async () => {
    const id = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const joint = ok(await app.request(CommunityBranchesDocument, { id, kind: 'JOINT' })).community!;
    expect(joint.compoundBranches.totalCount).toBe(2);
    const covered = joint.compoundBranches.nodes.flatMap((b) => b.compounds.nodes);
    const everCovered = new Set(joint.compoundBranches.nodes.flatMap((b) => b.compoundHistory.map((h) => h.compound.name)));
    expect(covered).toHaveLength(34); // the dormitory has graduated
    expect(everCovered.size).toBe(35);
    expect(covered.every((c) => c.householdCount < 100)).toBe(true);

    const standalone = ok(await app.request(CommunityBranchesDocument, { id, kind: 'STANDALONE' })).community!;
    const large = standalone.compoundBranches.nodes.flatMap((b) => b.compounds.nodes).filter((c) => c.householdCount >= 100);
    expect(large).toHaveLength(8);
  });

  it('records the No.1 Middle School dormitory (96 households) graduating from its joint branch', async () => {
    const id = await idByName(app.database, 'compound', DEMO.dormitory, 'Compound');
    const compound = ok(await app.request(CompoundBranchHistoryDocument, { id })).node!;
    if (!('branchHistory' in compound)) throw new Error('expected a compound');
    expect(compound.householdCount).toBe(96);
    expect(compound.branch).toEqual({ name: DEMO.dormitoryBranch, kind: 'STANDALONE' });
    expect(compound.branchHistory).toEqual([
      { since: '2021-04-01', until: '2022-07-01', reason: 'ASSIGNED', branch: { name: DEMO.jointChangsheng, kind: 'JOINT' } },
      { since: '2022-07-01', until: null, reason: 'GRADUATED', branch: { name: DEMO.dormitoryBranch, kind: 'STANDALONE' } },
    ]);
  });

  it('keeps the published details: Yifen Xianzhuang built 1993, Zhenxing with 11 courtyards, 2 courtyard branches and 103 members, Xianglu Huacheng with 22 registered members', async () => {
    const yifen = ok(
      await app.request(CompoundBranchHistoryDocument, { id: await idByName(app.database, 'compound', DEMO.yifen, 'Compound') }),
    ).node!;
    expect('builtYear' in yifen && yifen.builtYear).toBe(1993);

    const zhenxing = ok(
      await app.request(CommunityBranchesDocument, { id: await idByName(app.database, 'community', DEMO.zhenxing, 'Community') }),
    ).community!;
    expect(zhenxing.partyMemberCount).toBe(103);
    expect(zhenxing.compoundBranches.nodes.map((b) => b.name).sort()).toEqual(['庭院第一党支部', '庭院第二党支部']);
    expect(zhenxing.compoundBranches.nodes.reduce((n, b) => n + b.compounds.totalCount, 0)).toBe(11);
    expect(zhenxing.compoundBranches.nodes.reduce((n, b) => n + b.buildingGroups.totalCount, 0)).toBe(11); // a group per courtyard

    const [xianglu] = await sql<{ n: number }>(
      app.database,
      `select count(*)::int as n from party_membership m join compound_branch b on b.id = m.branch_id
        where b.name = '翔鹭花城二期小区党支部' and m.organization_relation = 'LOCAL' and m.ended_on is null`,
    );
    expect(xianglu.n).toBe(22);
  });

  it('fills compounds with households and fictional persons in varied, plausible numbers', async () => {
    const rows = await sql<{ households: number; persons: number; sizes: number; names: number }>(
      app.database,
      `select (select count(*)::int from household) as households, (select count(*)::int from person) as persons,
              (select count(distinct n)::int from (select count(*) n from household group by compound_id) x) as sizes,
              (select count(distinct name)::int from person) as names`,
    );
    expect(rows[0].households).toBeGreaterThan(15000);
    expect(rows[0].persons / rows[0].households).toBeGreaterThan(1.8);
    expect(rows[0].sizes).toBeGreaterThan(40);
    expect(rows[0].names / rows[0].persons).toBeGreaterThan(0.3);
  });
});

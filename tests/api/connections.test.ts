import { CommunitiesDocument, CommunityCompoundsDocument } from '../generated/graphql';
import { DEMO, idByName } from '../support/demo';
import { codes, ok, startTestApp, type TestApp } from '../support/test-app';

describe('connections: cursor pagination, stable order, limits', () => {
  let app: TestApp;
  let yongkang: string;
  beforeAll(async () => {
    app = await startTestApp();
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
  });
  afterAll(() => app.close());

  it('pages forward with first/after and backward with last/before over the same stable order', async () => {
    const all = ok(await app.request(CommunityCompoundsDocument, { id: yongkang, first: 100 })).community!.compounds;
    const names = all.edges.map((e) => e.node.name);
    expect(names).toHaveLength(63);

    const page1 = ok(await app.request(CommunityCompoundsDocument, { id: yongkang, first: 25 })).community!.compounds;
    expect(page1.edges.map((e) => e.node.name)).toEqual(names.slice(0, 25));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1.totalCount).toBe(63);

    const page2 = ok(await app.request(CommunityCompoundsDocument, { id: yongkang, first: 25, after: page1.pageInfo.endCursor })).community!
      .compounds;
    expect(page2.edges.map((e) => e.node.name)).toEqual(names.slice(25, 50));
    expect(page2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const page3 = ok(await app.request(CommunityCompoundsDocument, { id: yongkang, first: 25, after: page2.pageInfo.endCursor })).community!
      .compounds;
    expect(page3.edges.map((e) => e.node.name)).toEqual(names.slice(50));
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const last = ok(await app.request(CommunityCompoundsDocument, { id: yongkang, last: 10, before: page3.pageInfo.startCursor }))
      .community!.compounds;
    expect(last.edges.map((e) => e.node.name)).toEqual(names.slice(40, 50));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(last.edges[last.edges.length - 1].cursor).toBe(last.pageInfo.endCursor);
  });

  it('defaults to the first 100 rows, and refuses pages above 100, negative sizes, first with last, and foreign cursors', async () => {
    const defaulted = ok(await app.request(CommunitiesDocument, {}));
    expect(defaulted.communities.nodes.length).toBe(defaulted.communities.totalCount);

    for (const variables of [
      { first: 101 },
      { last: 101 },
      { first: -1 },
      { first: 10, last: 10 },
      { after: 'not-a-cursor' },
      { before: 'Q29tbXVuaXR5OjE' },
    ]) {
      const res = await app.request(CommunitiesDocument, variables);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.data?.communities ?? null).toBeNull();
    }
  });

  it('filters top-level lists (communities of one district) with a matching totalCount', async () => {
    const districts = ok(await app.request(CommunitiesDocument, { first: 100 })).communities.nodes;
    const xinzhuDistrict = await idByName(app.database, 'district', '绿园区', 'District');
    const filtered = ok(await app.request(CommunitiesDocument, { districtId: xinzhuDistrict })).communities;
    expect(filtered.nodes.map((c) => c.name)).toEqual(['新竹社区']);
    expect(filtered.totalCount).toBe(1);
    expect(districts.length).toBeGreaterThan(1);
  });
});

import { CommunityByIdDocument, NodeByIdDocument, NodesByIdsDocument } from '../generated/graphql';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('global IDs: node(id:), nodes(ids:) and typed lookups', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('fetches any object by its opaque ID', async () => {
    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const compound = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
    expect(ok(await app.request(NodeByIdDocument, { id: community })).node).toEqual({ id: community, name: DEMO.yongkang });
    expect(ok(await app.request(NodeByIdDocument, { id: compound })).node).toEqual({ id: compound, name: DEMO.xinyuan, archivedAt: null });
    expect(ok(await app.request(CommunityByIdDocument, { id: community })).community).toEqual({ id: community, name: DEMO.yongkang });
  });

  it('answers null for IDs that name nothing, and keeps the order of nodes(ids:)', async () => {
    const community = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    expect(ok(await app.request(NodeByIdDocument, { id: gid('Community', 999999) })).node).toBeNull();
    expect(ok(await app.request(NodeByIdDocument, { id: gid('NoSuchType', 1) })).node).toBeNull();
    const data = ok(await app.request(NodesByIdsDocument, { ids: [gid('Compound', 999999), community] }));
    expect(data.nodes).toEqual([null, { id: community, name: DEMO.zhenxing }]);
  });

  it('answers NOT_FOUND from community(id:) for a missing community and for an ID of another type alike', async () => {
    const household = gid('Household', 1);
    for (const id of [gid('Community', 999999), household]) {
      const res = await app.request(CommunityByIdDocument, { id });
      expect(codes(res)).toEqual(['NOT_FOUND']);
      expect(res.data?.community).toBeNull();
      expect(res.errors![0].path).toEqual(['community']);
    }
  });

  it('refuses malformed IDs with BAD_USER_INPUT, and more than 100 IDs at once', async () => {
    for (const id of [
      '',
      'not base64!',
      Buffer.from('Community:abc').toString('base64url'),
      Buffer.from('Community:0').toString('base64url'),
    ]) {
      expect(codes(await app.request(NodeByIdDocument, { id }))).toEqual(['BAD_USER_INPUT']);
    }
    const many = Array.from({ length: 101 }, (_, i) => gid('Community', i + 1));
    expect(codes(await app.request(NodesByIdsDocument, { ids: many }))).toEqual(['BAD_USER_INPUT']);
  });
});

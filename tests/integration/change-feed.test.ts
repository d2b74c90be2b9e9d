import {
  BindServiceAccountSystemDocument,
  ChangesDocument,
  CreateApiKeyDocument,
  CreatePersonForFeedDocument,
  SetExternalIdDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The change feed: what changed in a community after a cursor, from the audit log, for callers who
 * read the whole community's persons (INTEGRATION at the community, its admin). Field names, never values.
 */
describe('the change feed', () => {
  let app: TestApp;
  let sync: { headers: Record<string, string>; as: null };
  let community: string;
  let household: string;

  async function drain(as: Parameters<TestApp['request']>[2], after: string | null) {
    let cursor = after;
    const seen: Array<{ type: string; nodeId: string; operation: string; fields: string[]; externalIds: unknown[] }> = [];
    for (;;) {
      const page = ok(await app.request(ChangesDocument, { communityId: community, after: cursor, first: 1000 }, as)).changes;
      seen.push(...page.changes);
      if (page.endCursor) cursor = page.endCursor;
      if (!page.hasMore) return { seen, cursor };
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    const key = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey;
    sync = { headers: { authorization: `Bearer ${key.secret!}` }, as: null };
    ok(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId, system: 'taiyuan-population' } }));
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
    const [h] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id limit 1', [c.id]);
    household = gid('Household', h.id);
  });
  afterAll(() => app.close());

  it('shows the integration exactly what changed after its cursor, with external IDs and field names only', async () => {
    const { cursor } = await drain(sync, null);
    const created = ok(
      await app.request(
        CreatePersonForFeedDocument,
        { input: { householdId: household, name: '新居民', idNumber: '14010519900101123X' } },
        sync,
      ),
    ).createPerson;
    const person = created.person!.id;
    ok(await app.request(SetExternalIdDocument, { input: { nodeId: person, system: 'taiyuan-population', id: 'P-1' } }, sync));
    const { seen, cursor: next } = await drain(sync, cursor);
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'Person',
        nodeId: person,
        operation: 'CREATED',
        externalIds: [{ system: 'taiyuan-population', id: 'P-1' }],
      }),
    ]);
    expect(seen[0].fields).toEqual(expect.arrayContaining(['name', 'idNumberSealed']));
    expect(JSON.stringify(seen)).not.toContain('14010519900101123X');
    // Nothing new: an empty page, the cursor stays the script's.
    const empty = ok(await app.request(ChangesDocument, { communityId: community, after: next }, sync)).changes;
    expect(empty).toEqual({ changes: [], endCursor: null, hasMore: false });
    // The community admin reads the same feed.
    expect((await drain({ as: 'admin.yongkangbeilu' }, cursor)).seen.map((c) => c.nodeId)).toEqual([person]);
  });

  it('pages by first, and refuses a bad cursor or page size', async () => {
    ok(await app.request(CreatePersonForFeedDocument, { input: { householdId: household, name: '第二位新居民' } }, sync));
    const one = ok(await app.request(ChangesDocument, { communityId: community, first: 1 }, sync)).changes;
    expect(one.changes).toHaveLength(1);
    expect(one.hasMore).toBe(true);
    const response = await app.request(ChangesDocument, { communityId: community, after: one.endCursor, first: 1000 }, sync);
    const rest = ok(response).changes;
    // authentication, the community, the page, the external IDs of each kind on it: not one per change
    expect(response.extensions!.sqlStatements).toBeLessThanOrEqual(4);
    expect(rest.changes.map((c) => c.type)).toEqual(['Person']);
    expect(rest.changes[0].nodeId).not.toBe(one.changes[0].nodeId);
    expect(codes(await app.request(ChangesDocument, { communityId: community, after: 'nonsense' }, sync))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.request(ChangesDocument, { communityId: community, first: 1001 }, sync))).toEqual(['BAD_USER_INPUT']);
  });

  it('is not for another community, nor for roles that do not read the whole community', async () => {
    expect(codes(await app.request(ChangesDocument, { communityId: community }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(ChangesDocument, { communityId: community }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(ChangesDocument, { communityId: community }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(ChangesDocument, { communityId: community }, { as: null }))).toEqual(['UNAUTHENTICATED']);
  });
});

import { CommunitiesDocument, UpdateCommunityDocument, ViewerDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Requests of different communities share pooled connections. Their row-level-security settings
 * and role are transaction-local, so one connection serving them in turn never carries one
 * request's communities into the next. Served here with one connection and without the permission
 * tree, so a leaked setting would show as another community's rows.
 */

const CALLERS: Array<{ login: string | null; communities: string[] }> = [
  { login: 'admin.yongkangbeilu', communities: ['永康北路社区'] },
  { login: 'admin.zhenxing', communities: ['振兴社区'] },
  { login: 'district.gaoxin', communities: ['振兴社区'] },
  { login: 'resident.xinyuan', communities: ['永康北路社区'] },
  { login: null, communities: [] },
];

describe('concurrent requests on a pool of one connection', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { DB_POOL_MAX: '1' }, withoutPermissions: true });
  });
  afterAll(() => app.close());

  it('never see each other’s communities, however they interleave', async () => {
    // Tokens first, so the requests below start together.
    for (const c of CALLERS) if (c.login) await app.tokenFor(c.login);
    const [zhenxing] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
    const rounds = 8;
    const requests = [];
    for (let i = 0; i < rounds; i++) {
      for (const caller of CALLERS) {
        requests.push(
          app.request(CommunitiesDocument, { first: 100 }, { as: caller.login }).then((res) => ({
            caller,
            names: ok(res)
              .communities.nodes.map((n) => n.name)
              .sort(),
          })),
        );
        // Interleaved with a write that fails and rolls back its transaction.
        requests.push(
          app
            .request(UpdateCommunityDocument, { input: { id: gid('Community', zhenxing.id), name: '' } }, { as: caller.login })
            .then((res) => ({ caller, names: null as string[] | null, codes: codes(res) })),
        );
      }
    }
    const results = await Promise.all(requests);
    for (const r of results) {
      if (r.names) expect({ caller: r.caller.login, names: r.names }).toEqual({ caller: r.caller.login, names: r.caller.communities });
    }
    expect(results.filter((r) => r.names).length).toBe(rounds * CALLERS.length);
  });

  it('leave the connection as they found it: the application role, no grant, no rows', async () => {
    ok(await app.request(ViewerDocument, {}, { as: 'admin.zhenxing' }));
    const [session] = await app.orm.em
      .fork()
      .execute<Array<{ role: string; grant: string | null; communities: number }>>(
        "select current_user as role, current_setting('app.grant', true) as grant, (select count(*)::int from community) as communities",
      );
    expect(session.role).toBe('lianxin_app');
    expect(session.grant ?? '').toBe('');
    expect(session.communities).toBe(0);
  });
});

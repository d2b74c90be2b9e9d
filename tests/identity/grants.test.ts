import {
  AuditEntriesDocument,
  CommunityRoleBindingsDocument,
  CreateUserDocument,
  GrantRoleDocument,
  MatrixUpdateBuildingGroupDocument,
  RevokeRoleDocument,
  ViewerCanDocument,
  ViewerDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Granting and revoking roles: within one's scope and never above one's own capabilities, taking
 * effect on the next request, and written to the audit log.
 */

describe('granting and revoking roles', () => {
  let app: TestApp;
  let group1: string;
  let group2: string;
  let yifenGroup: string;
  let xinyuanBranch: string;
  let yongkang: string;
  let xinyuanCompound: string;

  /** A fresh login for a person living in 馨园 (created by the branch secretary, as in practice). */
  async function newXinyuanUser(login: string): Promise<string> {
    const [person] = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join compound cp on cp.id = (select compound_id from household where id = p.household_id)
        where cp.name = '馨园' and not exists (select 1 from user_account u where u.person_id = p.id) order by p.id offset 100 limit 1`,
    );
    const created = ok(
      await app.request(
        CreateUserDocument,
        { input: { login, displayName: login, personId: gid('Person', person.id), password: 'a-long-enough-password' } },
        { as: 'secretary.xinyuan' },
      ),
    ).createUser;
    expect(created.userErrors).toEqual([]);
    return created.user!.id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    group1 = await idByName(app.database, 'building_group', '馨园第1党小组', 'BuildingGroup');
    group2 = await idByName(app.database, 'building_group', '馨园第2党小组', 'BuildingGroup');
    [{ id: yifenGroup }] = (
      await sql<{ id: number }>(
        app.database,
        "select g.id from building_group g join compound_branch b on b.id = g.branch_id where b.name = '漪汾仙庄小区党支部' limit 1",
      )
    ).map((r) => ({
      id: gid('BuildingGroup', r.id),
    }));
    xinyuanBranch = await idByName(app.database, 'compound_branch', DEMO.xinyuanBranch, 'CompoundBranch');
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    xinyuanCompound = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
  });
  afterAll(() => app.close());

  it('lets a branch secretary appoint a group leader in their branch, who may act at once — and lose it at once', async () => {
    const userId = await newXinyuanUser('leader2.xinyuan');
    const [user] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'leader2.xinyuan'");
    await sql(app.database, 'update user_account set password_hash = null where id = $1', [user.id]);

    const granted = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'GROUP_LEADER' as never, scopeId: group2 } },
        { as: 'secretary.xinyuan' },
      ),
    ).grantRole;
    expect(granted.userErrors).toEqual([]);
    expect(granted.roleBinding).toMatchObject({
      role: 'GROUP_LEADER',
      scopeType: 'GROUP',
      active: true,
      scope: { id: group2 },
      grantedBy: { login: 'secretary.xinyuan' },
    });
    expect(granted.roleBinding!.capabilities).toContain('WRITE_ORGANIZATION');

    const viewer = ok(await app.request(ViewerDocument, {}, { as: 'leader2.xinyuan' })).viewer;
    expect(viewer.bindings.map((b) => [b.role, b.scope?.id])).toEqual([['GROUP_LEADER', group2]]);
    expect(
      ok(await app.request(ViewerCanDocument, { capability: 'WRITE_ORGANIZATION' as never, on: group2 }, { as: 'leader2.xinyuan' })).viewer
        .can,
    ).toBe(true);
    expect(
      ok(await app.request(ViewerCanDocument, { capability: 'WRITE_ORGANIZATION' as never, on: group1 }, { as: 'leader2.xinyuan' })).viewer
        .can,
    ).toBe(false);
    ok(await app.request(MatrixUpdateBuildingGroupDocument, { input: { id: group2, name: '馨园第2党小组' } }, { as: 'leader2.xinyuan' }));
    expect(
      codes(
        await app.request(MatrixUpdateBuildingGroupDocument, { input: { id: group1, name: '馨园第1党小组' } }, { as: 'leader2.xinyuan' }),
      ),
    ).toEqual(['FORBIDDEN']);

    const revoked = ok(
      await app.request(RevokeRoleDocument, { input: { roleBindingId: granted.roleBinding!.id } }, { as: 'secretary.xinyuan' }),
    ).revokeRole;
    expect(revoked.roleBinding).toMatchObject({ active: false });
    expect(revoked.roleBinding!.revokedAt).not.toBeNull();
    // The same token, the next request: the binding is gone, and with it the community.
    expect(ok(await app.request(ViewerDocument, {}, { as: 'leader2.xinyuan' })).viewer.bindings).toEqual([]);
    expect(
      codes(
        await app.request(MatrixUpdateBuildingGroupDocument, { input: { id: group2, name: '馨园第2党小组' } }, { as: 'leader2.xinyuan' }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(await app.request(RevokeRoleDocument, { input: { roleBindingId: granted.roleBinding!.id } }, { as: 'secretary.xinyuan' })),
    ).toEqual([]);
  });

  it('refuses to grant above one’s own capabilities or outside one’s scope, changing nothing', async () => {
    const userId = await newXinyuanUser('hopeful.xinyuan');
    // An account without a person: officers above communities see no persons, so no users linked to one.
    const officer = ok(
      await app.request(CreateUserDocument, {
        input: { login: 'hopeful.officer', displayName: '干部', password: 'a-long-enough-password' },
      }),
    ).createUser.user!.id;
    const before = await fingerprint(app.database);
    const attempts: Array<[string, string, string | undefined, string, string?]> = [
      // Outside the branch: another branch's group.
      ['secretary.xinyuan', 'GROUP_LEADER', yifenGroup, 'FORBIDDEN'],
      // Above the secretary: community admin, at the community.
      ['secretary.xinyuan', 'COMMUNITY_ADMIN', yongkang, 'FORBIDDEN'],
      // A grid worker reads personal data and writes places, which a secretary may not.
      ['secretary.xinyuan', 'GRID_WORKER', xinyuanCompound, 'FORBIDDEN'],
      // Leaders do not manage access at all.
      ['leader.xinyuan', 'MEMBER', group1, 'FORBIDDEN'],
      // District officers read no residents: they cannot hand out a role that does.
      ['district.xiaodian', 'COMMUNITY_ADMIN', yongkang, 'FORBIDDEN', officer],
      ['district.xiaodian', 'DISTRICT_OFFICER', undefined, 'FORBIDDEN', officer],
      // …and a user linked to a person is a resident's account they cannot see.
      ['district.xiaodian', 'STREET_OFFICER', undefined, 'NOT_FOUND'],
      // Platform roles only from the platform.
      ['admin.yongkangbeilu', 'PLATFORM_ADMIN', undefined, 'FORBIDDEN'],
      // Another community: not found, as if it did not exist.
      ['admin.zhenxing', 'GROUP_LEADER', group1, 'NOT_FOUND'],
    ];
    for (const [as, role, scopeId, expected, grantee] of attempts) {
      const res = await app.request(GrantRoleDocument, { input: { userId: grantee ?? userId, role: role as never, scopeId } }, { as });
      expect({ as, role, codes: codes(res) }).toEqual({ as, role, codes: [expected] });
      expect(res.data?.grantRole ?? null).toBeNull();
    }
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('lets a district officer appoint a street officer of their district, and nowhere else', async () => {
    const platformUser = ok(
      await app.request(CreateUserDocument, {
        input: { login: 'street2.xiaodian', displayName: '街道干部', password: 'a-long-enough-password' },
      }),
    ).createUser.user!.id;
    const street = await idByName(app.database, 'street', '小店街道', 'Street');
    const gaoxinStreet = await idByName(app.database, 'street', '振中街道', 'Street');
    const granted = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId: platformUser, role: 'STREET_OFFICER' as never, scopeId: street } },
        { as: 'district.xiaodian' },
      ),
    ).grantRole;
    expect(granted.roleBinding).toMatchObject({ role: 'STREET_OFFICER', scope: { id: street } });
    expect(
      codes(
        await app.request(
          GrantRoleDocument,
          { input: { userId: platformUser, role: 'STREET_OFFICER' as never, scopeId: gaoxinStreet } },
          { as: 'district.xiaodian' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('answers a role that does not fit the node, and a role already held, with user errors', async () => {
    const userId = await newXinyuanUser('twice.xinyuan');
    const wrongScope = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'GROUP_LEADER' as never, scopeId: xinyuanBranch } },
        { as: 'secretary.xinyuan' },
      ),
    );
    expect(wrongScope.grantRole.userErrors).toEqual([expect.objectContaining({ field: ['scopeId'], code: 'INVALID_SCOPE' })]);
    ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'MEMBER' as never, scopeId: xinyuanBranch } },
        { as: 'secretary.xinyuan' },
      ),
    );
    const again = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId, role: 'MEMBER' as never, scopeId: xinyuanBranch } },
        { as: 'secretary.xinyuan' },
      ),
    );
    expect(again.grantRole.userErrors).toEqual([expect.objectContaining({ field: ['role'], code: 'ALREADY_GRANTED' })]);
    expect(again.grantRole.roleBinding).toBeNull();
  });

  it('refuses to revoke a more senior role or another community’s binding', async () => {
    const [secretaryBinding] = await sql<{ id: number }>(
      app.database,
      "select b.id from role_binding b join user_account u on u.id = b.user_id where u.login = 'secretary.xinyuan'",
    );
    expect(
      codes(
        await app.request(
          RevokeRoleDocument,
          { input: { roleBindingId: gid('RoleBinding', secretaryBinding.id) } },
          { as: 'leader.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await app.request(
          RevokeRoleDocument,
          { input: { roleBindingId: gid('RoleBinding', secretaryBinding.id) } },
          { as: 'admin.zhenxing' },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const [row] = await sql<{ revoked_at: string | null }>(app.database, 'select revoked_at from role_binding where id = $1', [
      secretaryBinding.id,
    ]);
    expect(row.revoked_at).toBeNull();
  });

  it('records every grant and revocation in the community’s audit log, which its admin can read', async () => {
    const entries = ok(
      await app.request(AuditEntriesDocument, { communityId: yongkang, entity: 'RoleBinding', last: 100 }, { as: 'admin.yongkangbeilu' }),
    ).auditEntries.nodes;
    const grants = entries.filter((e) => e.action === 'grantRole');
    const revocations = entries.filter((e) => e.action === 'revokeRole');
    expect(grants.length).toBeGreaterThanOrEqual(2);
    expect(grants[0]).toMatchObject({ operation: 'CREATE', actorLabel: 'secretary.xinyuan' });
    expect(grants[0].changes).toMatchObject({ role: { after: 'GROUP_LEADER' }, scopeType: { after: 'GROUP' } });
    expect(revocations).toHaveLength(1);
    expect(revocations[0].changes).toMatchObject({ revokedAt: { before: null } });
    // The bindings list of the community shows the appointments that stand.
    const bindings = ok(await app.request(CommunityRoleBindingsDocument, { id: yongkang }, { as: 'admin.yongkangbeilu' })).community!
      .roleBindings.nodes;
    expect(bindings.map((b) => b.user?.login)).toEqual(expect.arrayContaining(['secretary.xinyuan', 'twice.xinyuan']));
    expect(bindings.map((b) => b.user?.login)).not.toContain('leader2.xinyuan');
  });
});

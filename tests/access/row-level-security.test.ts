import type { EntityManager } from '@mikro-orm/postgresql';
import { RESIDENT_READING_ROLES } from '../../src/core/auth/capabilities';
import { Compound } from '../../src/modules/places/compound.entity';
import { Household } from '../../src/modules/places/household.entity';
import { Person } from '../../src/modules/people/person.entity';
import { AuditEntry } from '../../src/core/audit/audit-entry.entity';
import { CommunityByIdDocument, MatrixHouseholdsDocument, SweepNodesDocument, UpdateHouseholdDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The second lock alone. This server runs without the permission tree: every field resolves for
 * every caller, so whatever a caller still cannot reach is held back by PostgreSQL row-level
 * security — through the API, raw SQL and the ORM's QueryBuilder alike.
 */

const REFUSED = ['42501', '23503'];

describe('row-level security, with the permission tree switched off', () => {
  let app: TestApp;
  let yongkang: number;
  let zhenxing: number;

  beforeAll(async () => {
    app = await startTestApp({ withoutPermissions: true });
    [{ id: yongkang }] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    [{ id: zhenxing }] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
  });
  afterAll(() => app.close());

  /** A sign-in session's secret for `login` (what a platform token carries). */
  async function sessionOf(login: string): Promise<{ userId: number; secret: string }> {
    const [user] = await sql<{ id: number }>(app.database, 'select id from user_account where login = $1', [login]);
    const [session] = await sql<{ secret: string }>(app.database, 'select lianxin_open_session($1, 3600) as secret', [user.id]);
    return { userId: user.id, secret: session.secret };
  }

  /**
   * Runs `work` in a request transaction begun for `login` on the API's own connection (the
   * application role), exactly as the server begins one; rolled back.
   */
  async function asPrincipal<T>(login: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const { userId, secret } = await sessionOf(login);
    const em = app.orm.em.fork({ clear: true, useContext: false });
    await em.begin();
    try {
      await em.execute("select lianxin_begin_request('user', ?, ?, now(), string_to_array(?, ','))", [
        String(userId),
        secret,
        RESIDENT_READING_ROLES.join(','),
      ]);
      return await work(em);
    } finally {
      await em.rollback();
    }
  }

  /** The SQLSTATE a statement fails with, or 'ok'. */
  async function outcome(em: EntityManager, statement: string, params: unknown[] = []): Promise<string> {
    try {
      await em.execute('savepoint probe');
      await em.execute(statement, params);
      await em.execute('release savepoint probe');
      return 'ok';
    } catch (err) {
      await em.execute('rollback to savepoint probe');
      return (err as { code?: string }).code ?? String(err);
    }
  }

  it('serves as a login role that cannot become anyone else: no superuser, owner or BYPASSRLS, no membership to switch to', async () => {
    const [role] = await app.orm.em
      .fork()
      .execute<Array<{ me: string; session: string; superuser: boolean; bypass: boolean; members: number }>>(
        `select current_user as me, session_user as session, r.rolsuper as superuser, r.rolbypassrls as bypass,
              (select count(*)::int from pg_auth_members m where m.member = r.oid) as members
         from pg_roles r where r.rolname = current_user`,
      );
    expect(role).toEqual({ me: 'lianxin_app', session: 'lianxin_app', superuser: false, bypass: false, members: 0 });
    await asPrincipal('admin.yongkangbeilu', async (em) => {
      // Nothing to switch to: not the owner, not a superuser, not even back.
      for (const attempt of [
        'set role postgres',
        'set local role postgres',
        'set session authorization postgres',
        "select set_config('role', 'postgres', true)",
      ]) {
        expect(await outcome(em, attempt)).toBe('42501');
      }
      expect(await outcome(em, 'reset role')).toBe('ok');
      const [after] = await em.execute<Array<{ me: string }>>('select current_user as me');
      expect(after.me).toBe('lianxin_app');
    });
  });

  it('ignores a grant the request forges, edits or carries over: the settings are signed by the database', async () => {
    await asPrincipal('admin.yongkangbeilu', async (em) => {
      const [own] = await em.execute<Array<{ grant: string }>>("select current_setting('app.grant') as grant");
      const [payload, mac] = own.grant.split('.');
      const everything = payload.split(';');
      everything[1] = '1';
      // The old plain settings mean nothing any more; a payload widened to every community fails its signature.
      for (const statement of [
        "select set_config('app.all_communities', 'on', true), set_config('app.community_ids', '" + zhenxing + "', true)",
        `select set_config('app.grant', '${everything.join(';')}.${mac}', true)`,
      ]) {
        await em.execute(statement);
        const [seen] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from household where community_id = ?', [
          zhenxing,
        ]);
        expect(seen.n).toBe(0);
      }
      // Not even its own communities: a broken signature reaches nothing.
      const [mine] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from compound where community_id = ?', [yongkang]);
      expect(mine.n).toBe(0);
      // Nor can it begin again as someone else, in the same transaction.
      const admin = await sessionOf('platform.admin').catch(() => null);
      expect(
        await outcome(em, "select lianxin_begin_request('user', ?, ?, now(), '{}')", [String(admin?.userId ?? 1), admin?.secret ?? 'x']),
      ).toBe('42501');
      // The signing function and the grant for everything are the owner's, not the application's.
      expect(await outcome(em, "select lianxin_grant_mac('g1;1')")).toBe('42501');
      expect(await outcome(em, 'select lianxin_grant_everything()')).toBe('42501');
      expect(await outcome(em, 'select * from lianxin_grant_key')).toBe('42501');
      expect(await outcome(em, 'select * from lianxin_session')).toBe('42501');
    });
    // A grant from one transaction is worthless in the next.
    const em = app.orm.em.fork({ clear: true, useContext: false });
    const { userId, secret } = await sessionOf('admin.zhenxing');
    await em.begin();
    const [granted] = await em.execute<Array<{ grant: string }>>(
      "select lianxin_begin_request('user', ?, ?, now(), '{}') is not null as ok, current_setting('app.grant') as grant",
      [String(userId), secret],
    );
    await em.commit();
    await em.begin();
    try {
      await em.execute("select set_config('app.grant', ?, true)", [granted.grant]);
      const [seen] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from compound where community_id = ?', [zhenxing]);
      expect(seen.n).toBe(0);
    } finally {
      await em.rollback();
    }
  });

  it('begins a request only with proof: a session of the user, or the secret of the API key', async () => {
    const [admin] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'admin.zhenxing'");
    const em = app.orm.em.fork({ clear: true, useContext: false });
    for (const [kind, key, proof] of [
      ['user', String(admin.id), null],
      ['user', String(admin.id), 'not-a-session-secret'],
      ['api_key', 'aaaaaaaaaaaa', 'x'.repeat(43)],
    ] as const) {
      await em.begin();
      try {
        const [row] = await em.execute<Array<{ p: unknown }>>("select lianxin_begin_request(?, ?, ?, now(), '{}') as p", [
          kind,
          key,
          proof,
        ]);
        expect(row.p).toBeNull();
        const [seen] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from compound');
        expect(seen.n).toBe(0);
      } finally {
        await em.rollback();
      }
    }
  });

  it('protects every tenant table with row security, forced even for the owner', async () => {
    const [owns] = await sql<{ n: number }>(app.database, "select count(*)::int as n from pg_tables where tableowner = 'lianxin_app'");
    expect(owns.n).toBe(0);
    const unprotected = await sql<{ table: string }>(
      app.database,
      `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'community_id' and not a.attisdropped) or c.relname = 'community')
          and not (c.relrowsecurity and c.relforcerowsecurity)`,
    );
    expect(unprotected).toEqual([]);
  });

  it('shows a community admin nothing of another community through the API', async () => {
    const ids = await sql<{ id: string }>(
      app.database,
      `select id from (
         select 'Compound:' || id as id from compound where community_id = $1
         union all select 'Household:' || id from (select id from household where community_id = $1 limit 30) h
         union all select 'Person:' || id from (select id from person where community_id = $1 limit 30) p
         union all select 'CompoundBranch:' || id from compound_branch where community_id = $1
         union all select 'PartyMembership:' || id from (select id from party_membership where community_id = $1 limit 20) m) x`,
      [zhenxing],
    );
    const globalIds = ids.map((r) => Buffer.from(r.id).toString('base64url')).slice(0, 100);
    const res = ok(await app.request(SweepNodesDocument, { ids: globalIds }, { as: 'admin.yongkangbeilu' }));
    expect(res.nodes.filter((n) => n !== null)).toEqual([]);
    // Its own objects come back through the same path: the lock is not simply shut.
    const own = ok(await app.request(SweepNodesDocument, { ids: [gid('Community', yongkang)] }, { as: 'admin.yongkangbeilu' }));
    expect(own.nodes).toEqual([{ id: gid('Community', yongkang), __typename: 'Community' }]);
    expect(codes(await app.request(CommunityByIdDocument, { id: gid('Community', zhenxing) }, { as: 'admin.yongkangbeilu' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it("refuses a write to another community's row through the API, changing nothing", async () => {
    const [household] = await sql<{ id: number; area_sqm: string | null }>(
      app.database,
      'select id, area_sqm from household where community_id = $1 order by id limit 1',
      [zhenxing],
    );
    const res = await app.request(
      UpdateHouseholdDocument,
      { input: { id: gid('Household', household.id), areaSqm: 12.5 } },
      { as: 'resident.xinyuan' },
    );
    expect(codes(res)).toEqual(['NOT_FOUND']);
    const [after] = await sql<{ area_sqm: string | null }>(app.database, 'select area_sqm from household where id = $1', [household.id]);
    expect(after.area_sqm).toBe(household.area_sqm);
  });

  it('shows a district officer the organization and its counts, and no resident row', async () => {
    const [building] = await sql<{ id: number }>(
      app.database,
      'select building_id as id from household where community_id = $1 order by id limit 1',
      [yongkang],
    );
    const res = ok(await app.request(MatrixHouseholdsDocument, { id: gid('Building', building.id) }, { as: 'district.xiaodian' }));
    expect(res.node).toEqual({ households: { nodes: [] } });
    const [counts] = await asPrincipal('district.xiaodian', async (em) => {
      return em.execute<Array<{ households: number; persons: string; figures: number }>>(
        `select (select count(*) from household)::int as households, (select count(*) from person) as persons,
                (select households from lianxin_community_figures(array[?]::int[])) as figures`,
        [yongkang],
      );
    });
    expect(counts.households).toBe(0);
    expect(Number(counts.persons)).toBe(0);
    const [truth] = await sql<{ n: number }>(
      app.database,
      'select count(*)::int as n from household where community_id = $1 and archived_at is null',
      [yongkang],
    );
    expect(counts.figures).toBe(truth.n);
  });

  it('holds for raw SQL and for the QueryBuilder inside a request transaction', async () => {
    await asPrincipal('admin.yongkangbeilu', async (em) => {
      const raw = await em.execute<Array<{ community_id: number; n: string }>>(
        'select community_id, count(*) as n from household group by community_id',
      );
      expect(raw.map((r) => r.community_id)).toEqual([yongkang]);
      expect(await em.createQueryBuilder(Household).where({ community: zhenxing }).getCount()).toBe(0);
      expect(
        await em
          .createQueryBuilder(Person, 'p')
          .where({ community: { $ne: yongkang } })
          .getCount(),
      ).toBe(0);
      expect(await em.find(Compound, { community: zhenxing })).toEqual([]);
      expect(await em.count(Compound, { community: yongkang })).toBeGreaterThan(60);
      // The figures functions count only communities the caller can see.
      const figures = await em.execute<Array<{ community_id: number }>>(
        'select community_id from lianxin_community_figures(array[?, ?]::int[])',
        [yongkang, zhenxing],
      );
      expect(figures.map((f) => f.community_id)).toEqual([yongkang]);
    });
  });

  it('refuses rows written into another community, and changes none of its rows', async () => {
    await asPrincipal('admin.yongkangbeilu', async (em) => {
      // A new row naming the other community outright: its community is not there to point to
      // (23503; the foreign-key check reads it under the same policies) or the policy refuses (42501).
      expect(REFUSED).toContain(
        await outcome(em, "insert into compound (community_id, name, property_mode) values (?, '越权小区', 'NONE')", [zhenxing]),
      );
      // A row of one's own hung under the other community's building (the parent is not visible: refused).
      const [theirUnit] = await sql<{ id: number }>(app.database, 'select id from unit where community_id = $1 limit 1', [zhenxing]);
      expect(await outcome(em, "insert into household (unit_id, door_no) values (?, '999')", [theirUnit.id])).not.toBe('ok');
      const [ownHousehold] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 limit 1', [
        yongkang,
      ]);
      expect(await outcome(em, 'update household set unit_id = ? where id = ?', [theirUnit.id, ownHousehold.id])).not.toBe('ok');
      // Their rows are not there to change.
      const updated = await em.execute<Array<{ id: number }>>("update household set door_no = 'x' where community_id = ? returning id", [
        zhenxing,
      ]);
      expect(updated).toEqual([]);
      // Nobody deletes: the application role has no DELETE privilege at all.
      expect(await outcome(em, 'delete from household where id = ?', [ownHousehold.id])).toBe('42501');
      // The ORM's writes go through the same policies (last: a failed flush ends the transaction).
      em.create(Compound, {
        community: em.getReference('Community' as never, zhenxing),
        name: '越权小区二',
        propertyMode: 'NONE' as never,
      });
      const failure = await em.flush().then(
        () => 'ok',
        (err: { code?: string }) => err.code,
      );
      expect(REFUSED).toContain(failure);
    });
    const [left] = await sql<{ n: number }>(app.database, "select count(*)::int as n from compound where name like '越权小区%'");
    expect(left.n).toBe(0);
  });

  it('keeps the audit log append-only for the application', async () => {
    await asPrincipal('admin.yongkangbeilu', async (em) => {
      const [entry] = await em.execute<Array<{ id: string }>>(
        "insert into audit_entry (community_id, request_id, actor_label, action, entity, operation, changes) values (?, 'test', 'test', 'test', 'Compound', 'update', '{}') returning id",
        [yongkang],
      );
      expect(await outcome(em, "update audit_entry set actor_label = 'someone else' where id = ?", [entry.id])).toBe('42501');
      expect(await outcome(em, 'delete from audit_entry where id = ?', [entry.id])).toBe('42501');
      expect(await outcome(em, 'truncate audit_entry')).toBe('42501');
      expect(await em.count(AuditEntry, { id: entry.id })).toBe(1);
    });
  });
});

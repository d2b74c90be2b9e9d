import { ChangePasswordDocument, LoginDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * Issue 8, "aliased logins" and "login lockout races": one login per request; sign-in attempts
 * counted atomically before the password is checked, per login and source and per source, in
 * PostgreSQL (shared by instances); a lock that binds the (login, source) pair only; and every
 * failed sign-in in the audit log, without the password.
 */

const PASSWORD = 'lianxin-demo-2026';

describe('sign-in limits', () => {
  let app: TestApp;
  let twin: TestApp;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const login = (name: string, password: string, address: string, on: TestApp = app) =>
    on.request(LoginDocument, { input: { login: name, password } }, { as: null, headers: from(address) }) as Promise<
      GraphQLResponse<{ login: { token: string } }>
    >;

  beforeAll(async () => {
    const env = {
      TRUSTED_PROXIES: '127.0.0.1',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_LOCK_SECONDS: '600',
      LOGIN_SOURCE_MAX_FAILURES: '8',
      LOGIN_SOURCE_WINDOW_SECONDS: '600',
    };
    app = await startTestApp({ env });
    twin = await startTestApp({ env, database: app.database });
  });
  afterAll(async () => {
    await twin.close();
    await app.close();
  });

  it('refuse two logins in one request before anything runs, and 300 aliased ones', async () => {
    const two = await app.request<unknown, Record<string, never>>(
      `mutation { a: login(input: { login: "admin.zhenxing", password: "x1" }) { token } b: login(input: { login: "admin.zhenxing", password: "x2" }) { token } }`,
      {},
      { as: null },
    );
    expect(two.status).toBe(400);
    expect(two.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'login', found: 2 });
    const spread = await app.request<unknown, Record<string, never>>(
      `mutation { ...L ...M } fragment L on Mutation { login(input: { login: "admin.zhenxing", password: "x1" }) { token } } fragment M on Mutation { again: login(input: { login: "admin.zhenxing", password: "x2" }) { token } }`,
      {},
      { as: null },
    );
    expect(spread.errors![0].extensions).toMatchObject({ limit: 'login', found: 2 });
    const aliased = `mutation { ${Array.from({ length: 300 }, (_, i) => `l${i}: login(input: { login: "admin.zhenxing", password: "guess-${i}" }) { token }`).join(' ')} }`;
    const many = await app.request<unknown, Record<string, never>>(aliased, {}, { as: null });
    expect(many.status).toBe(400);
    // Nothing was tried: no audit entry, no counter.
    expect(await sql(app.database, "select id from audit_entry where action = 'login'")).toEqual([]);
    expect(await sql(app.database, 'select key from lianxin_login_attempt')).toEqual([]);
  });

  it('count attempts before checking passwords: of ten parallel wrong guesses five are checked, five refused', async () => {
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => login('grid.xinyuan', `wrong-guess-${i}`, '198.51.100.10')));
    const outcome = guesses.map((g) => codes(g)[0]).sort();
    expect(outcome).toEqual([...Array(5).fill('THROTTLED'), ...Array(5).fill('UNAUTHENTICATED')]);
    const refused = guesses.find((g) => codes(g)[0] === 'THROTTLED')!;
    expect(refused.status).toBe(429);
    expect(refused.errors![0].extensions).toMatchObject({ limit: 'login', retryAfter: expect.any(Number) });
    const audited = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from audit_entry where action = 'login' and changes -> 'login' ->> 'after' = 'grid.xinyuan'",
    );
    expect(audited[0].n).toBe(5);
    // Locked for this source even with the right password…
    expect(codes(await login('grid.xinyuan', PASSWORD, '198.51.100.10'))).toEqual(['THROTTLED']);
    // …and on the other instance, which shares the counters.
    expect(codes(await login('grid.xinyuan', PASSWORD, '198.51.100.10', twin))).toEqual(['THROTTLED']);
    // The owner, from elsewhere, signs in: the stranger locked the login for themselves only.
    ok(await login('grid.xinyuan', PASSWORD, '203.0.113.77'));
  });

  it('clear a pair’s count on success, and limit a source across logins', async () => {
    for (let i = 0; i < 4; i++) expect(codes(await login('finance.xinyuan', `nope-${i}`, '198.51.100.20'))).toEqual(['UNAUTHENTICATED']);
    ok(await login('finance.xinyuan', PASSWORD, '198.51.100.20'));
    // The success gave the source its point back and cleared the pair: four more failures are allowed.
    for (let i = 0; i < 4; i++)
      expect(codes(await login('finance.xinyuan', `again-${i}`, '198.51.100.20', i % 2 ? twin : app))).toEqual(['UNAUTHENTICATED']);
    // Eight failures from this source in all (any login): the source is locked, whatever the login.
    expect(codes(await login('committee.xinyuan', PASSWORD, '198.51.100.20'))).toEqual(['THROTTLED']);
    ok(await login('committee.xinyuan', PASSWORD, '198.51.100.21'));
  });

  it('audit each failed sign-in in the community of the account tried, never with the password', async () => {
    const password = 'a-secret-guess-7731';
    expect(codes(await login('admin.zhenxing', password, '198.51.100.30'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await login('nobody.at.all', password, '198.51.100.30'))).toEqual(['UNAUTHENTICATED']);
    const entries = await sql<{
      community: string | null;
      entity_id: number | null;
      operation: string;
      actor_label: string;
      changes: Record<string, { after: unknown }>;
      text: string;
    }>(
      app.database,
      `select c.name as community, a.entity_id, a.operation, a.actor_label, a.changes, a::text as text
         from audit_entry a left join community c on c.id = a.community_id
        where a.action = 'login' and a.changes -> 'source' ->> 'after' = '198.51.100.30' order by a.id`,
    );
    expect(entries.map((e) => [e.community, e.operation, e.actor_label, e.changes.login.after, e.changes.reason.after])).toEqual([
      ['振兴社区', 'DENIED', 'anonymous', 'admin.zhenxing', 'WRONG_PASSWORD'],
      [null, 'DENIED', 'anonymous', 'nobody.at.all', 'UNKNOWN_LOGIN'],
    ]);
    expect(entries[0].entity_id).not.toBeNull();
    expect(entries.some((e) => e.text.includes(password))).toBe(false);
    // The community's administrator reads it in their log.
    const [zhenxing] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
    const log = await app.request<{ auditEntries: { nodes: Array<{ action: string; operation: string }> } }, { id: string }>(
      'query Log($id: ID!) { auditEntries(communityId: $id, last: 5) { nodes { action operation changes } } }',
      { id: gid('Community', zhenxing.id) },
      { as: 'admin.zhenxing' },
    );
    expect(
      ok(log)
        .auditEntries.nodes.filter((n) => n.action === 'login')
        .map((n) => n.operation),
    ).toEqual(['DENIED']);
  });

  it('count wrong current passwords of changePassword as failed sign-ins: a token alone does not guess the password', async () => {
    const address = '198.51.100.40';
    const token = ok(await login('leader.xinyuan', PASSWORD, address)).login.token;
    const as = { as: null, headers: { ...from(address), authorization: `Bearer ${token}` } };
    // Thirty guesses in one request used to be answered INVALID one by one, and the right one then
    // changed the password (ending the owner's sessions).
    const guesses = await app.request<unknown, Record<string, never>>(
      `mutation { ${Array.from({ length: 8 }, (_, i) => `g${i}: changePassword(input: { currentPassword: "guess-${i}-of-many", newPassword: "taken-over-2026" }) { token userErrors { code } }`).join(' ')} }`,
      {},
      as,
    );
    // The sixth guess finds the pair locked: the request is refused (HTTP 429) at that guess.
    expect(guesses.status).toBe(429);
    expect(guesses.errors!.map((e) => [e.extensions.code, e.path])).toEqual([['THROTTLED', ['g5']]]);
    const right = await app.request(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'taken-over-2026' } }, as);
    expect(codes(right)).toEqual(['THROTTLED']);
    // The lock is the pair's, as for sign-in: the owner elsewhere still signs in with the old password.
    ok(await login('leader.xinyuan', PASSWORD, '203.0.113.78'));
  });
});
